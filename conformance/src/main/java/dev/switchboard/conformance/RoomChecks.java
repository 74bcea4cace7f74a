package dev.switchboard.conformance;

import static dev.switchboard.conformance.Checks.expectCreated;
import static dev.switchboard.conformance.Checks.expectJoined;
import static dev.switchboard.conformance.Checks.expectPeerJoined;
import static dev.switchboard.conformance.Checks.expectPeerLeft;
import static dev.switchboard.conformance.Checks.require;
import static dev.switchboard.conformance.Checks.requireField;
import static dev.switchboard.conformance.Checks.requireRef;
import static dev.switchboard.conformance.Frames.message;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Rooms: create, join, full, empty, create-or-join, leave, disconnection, the naming rule. */
final class RoomChecks {

    private RoomChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("welcome", RoomChecks::welcomeComesFirst),
                new Check("create", RoomChecks::createMakesTheSenderTheOnlyMember),
                new Check("create-existing", RoomChecks::createOfAnExistingRoomIsRefused),
                new Check("join", RoomChecks::joinListsTheMembersAndTellsThem),
                new Check("join-full", RoomChecks::joinOfAFullRoomGetsFull),
                new Check("join-empty", RoomChecks::joinOfNoRoomGetsEmpty),
                new Check("create-or-join", RoomChecks::createOrJoinCreatesThenJoinsThenIsFull),
                new Check("already-in-room", RoomChecks::onePeerIsInOneRoomAtATime),
                new Check("leave", RoomChecks::leaveTellsTheOthersAndTheLastOneEndsTheRoom),
                new Check("disconnect", RoomChecks::aClosedConnectionLeavesItsRoom),
                new Check("invalid-room", RoomChecks::badRoomNamesAreRefused));
    }

    private static String welcomeComesFirst(Session session) {
        Peer peer = session.connect("A");
        String id = peer.peerId();
        require(id != null && id.matches("[A-Za-z0-9_-]{22}(\\.[A-Za-z0-9_-]{11})?"),
                "welcome's peerId is not 22 (or 22.11 on a cluster) URL-safe base64 characters");
        require(peer.welcome().get("heartbeatMs").asLong() > 0, "welcome's heartbeatMs is not positive");
        Peer other = session.connect("B");
        require(!other.peerId().equals(id), "two connections got the same peerId");
        return "welcome with a fresh peerId, heartbeatMs " + peer.welcome().get("heartbeatMs").asLong();
    }

    private static String createMakesTheSenderTheOnlyMember(Session session) {
        Peer a = session.connect("A");
        String room = Session.newRoom();
        a.send(message("create", "room", room, "id", 1));
        expectCreated(a, room, 1);
        return "created, peers [], ref 1";
    }

    private static String createOfAnExistingRoomIsRefused(Session session) {
        String room = Session.newRoom();
        Peer a = session.fill(room, 1).get(0);
        Peer b = session.connect("B");
        b.send(message("create", "room", room, "id", "second"));
        requireRef(b, b.expectError("room-exists"), "second");
        return "error room-exists with ref";
    }

    private static String joinListsTheMembersAndTellsThem(Session session) {
        String room = Session.newRoom();
        Peer a = session.fill(room, 1).get(0);
        Peer b = session.connect("B");
        b.send(message("join", "room", room, "id", 2));
        requireRef(b, expectJoined(b, room, List.of(a)), 2);
        expectPeerJoined(a, room, b);
        return "joined with peers [A], A got peer-joined";
    }

    private static String joinOfAFullRoomGetsFull(Session session) {
        String room = Session.newRoom();
        List<Peer> members = session.fill(room, session.options().capacity());
        Peer late = session.connect("late");
        late.send(message("join", "room", room, "id", 3));
        JsonNode full = late.expect("full");
        requireField(late, full, "room", room);
        requireRef(late, full, 3);
        membersNoticedNothing(members);
        return "full with ref after " + members.size() + " members; the members noticed nothing";
    }

    /**
     * The members got nothing from a refused entry: a bye from the first, which every other member receives
     * next, shows that nothing came before it (one sender's messages arrive in order).
     */
    private static void membersNoticedNothing(List<Peer> members) {
        Peer first = members.get(0);
        first.send(message("bye"));
        for (Peer member : members.subList(1, members.size())) {
            JsonNode next = member.next();
            require("bye".equals(Frames.text(next, "type")),
                    member.label() + " expected nothing before A's bye, got " + Peer.describe(next));
        }
        if (members.size() > 1) {
            Peer second = members.get(1);
            second.send(message("bye"));
            JsonNode next = first.next();
            require("bye".equals(Frames.text(next, "type")),
                    first.label() + " expected nothing before B's bye, got " + Peer.describe(next));
        }
    }

    private static String joinOfNoRoomGetsEmpty(Session session) {
        Peer a = session.connect("A");
        String room = Session.newRoom();
        a.send(message("join", "room", room, "id", 4));
        JsonNode empty = a.expect("empty");
        requireField(a, empty, "room", room);
        requireRef(a, empty, 4);
        return "empty with ref";
    }

    private static String createOrJoinCreatesThenJoinsThenIsFull(Session session) {
        String room = Session.newRoom();
        int capacity = session.options().capacity();
        List<Peer> members = new java.util.ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            Peer peer = session.connect(String.valueOf((char) ('A' + i)));
            peer.send(message("create-or-join", "room", room, "id", i));
            if (i == 0) {
                expectCreated(peer, room, 0);
            } else {
                requireRef(peer, expectJoined(peer, room, members), i);
                for (Peer member : members) {
                    expectPeerJoined(member, room, peer);
                }
            }
            members.add(peer);
        }
        Peer late = session.connect("late");
        late.send(message("create-or-join", "room", room));
        requireField(late, late.expect("full"), "room", room);
        membersNoticedNothing(members);
        return "created, then joined, then full";
    }

    private static String onePeerIsInOneRoomAtATime(Session session) {
        String room = Session.newRoom();
        Peer a = session.fill(room, 1).get(0);
        String other = Session.newRoom();
        a.send(message("create", "room", other, "id", 5));
        requireRef(a, a.expectError("already-in-room"), 5);
        a.send(message("join", "room", room));
        a.expectError("already-in-room");
        a.send(message("create-or-join", "room", other));
        a.expectError("already-in-room");
        return "create, join and create-or-join from a member: error already-in-room";
    }

    private static String leaveTellsTheOthersAndTheLastOneEndsTheRoom(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        Peer b = pair.get(1);
        b.send(message("leave"));
        expectPeerLeft(a, room, b, "left");
        b.send(message("leave", "id", 6));
        requireRef(b, b.expectError("not-in-room"), 6);
        a.send(message("leave"));
        // the reply to a second leave shows the first was acted on before C tries the room
        a.send(message("leave"));
        a.expectError("not-in-room");
        Peer c = session.connect("C");
        c.send(message("join", "room", room));
        requireField(c, c.expect("empty"), "room", room);
        c.send(message("create", "room", room));
        expectCreated(c, room, null);
        return "peer-left reason left; leave again: not-in-room; the last leave ended the room (empty, then created anew)";
    }

    private static String aClosedConnectionLeavesItsRoom(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        pair.get(1).close();
        expectPeerLeft(pair.get(0), room, pair.get(1), "disconnected");
        return "peer-left reason disconnected";
    }

    private static String badRoomNamesAreRefused(Session session) {
        Peer a = session.connect("A");
        // names in the kit's own prefix, so that a token granting conf-* rooms lets the naming rule answer
        a.send(message("create", "room", "conf-has spaces", "id", 7));
        requireRef(a, a.expectError("invalid-room"), 7);
        a.send(message("join", "room", "conf-" + "x".repeat(60)));
        a.expectError("invalid-room");
        a.send(message("create-or-join", "room", "conf-\u00e9t\u00e9"));
        a.expectError("invalid-room");
        a.send(message("join"));
        a.expectError("invalid-room");
        return "a space, 65 characters, non-ASCII letters, no room: error invalid-room";
    }
}
