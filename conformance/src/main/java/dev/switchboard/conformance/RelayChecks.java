package dev.switchboard.conformance;

import static dev.switchboard.conformance.Checks.require;
import static dev.switchboard.conformance.Checks.requireField;
import static dev.switchboard.conformance.Checks.requireRef;
import static dev.switchboard.conformance.Frames.message;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Signals between the members of a room: relayed unchanged, stamped by the server, to members only. */
final class RelayChecks {

    /** A made-up session description: nothing of a real call is ever sent or printed. */
    static final String SDP = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=switchboard-conformance\r\nt=0 0\r\n";

    private RelayChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("relay-stamped", RelayChecks::signalsAreRelayedWithTheServersFromAndRoom),
                new Check("relay-to-member", RelayChecks::aSignalWithToGoesToThatMember),
                new Check("unknown-peer", RelayChecks::aSignalToNoMemberIsRefusedAndDeliveredNowhere),
                new Check("not-in-room", RelayChecks::aSignalOutsideRoomsIsRefused));
    }

    /** A documentation-range (192.0.2.0/24) host candidate, numbered. */
    static Map<String, Object> candidate(int n) {
        return Map.of("candidate", "candidate:" + n + " 1 udp 2122260223 192.0.2.1 " + (40000 + n) + " typ host",
                "sdpMid", "0", "sdpMLineIndex", 0, "usernameFragment", "conf");
    }

    private static String signalsAreRelayedWithTheServersFromAndRoom(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        Peer b = pair.get(1);

        // what a client writes in from and room is discarded: it cannot speak for another peer or room
        a.send(message("offer", "sdp", SDP, "from", "somebody-else", "room", "another-room"));
        JsonNode offer = expectRelayed(b, "offer", a, room);
        requireField(b, offer, "sdp", SDP);

        b.send(message("answer", "sdp", SDP));
        requireField(a, expectRelayed(a, "answer", b, room), "sdp", SDP);

        a.send(message("candidate", "candidate", candidate(1)));
        JsonNode relayed = expectRelayed(b, "candidate", a, room);
        require(relayed.get("candidate").equals(Frames.JSON.valueToTree(candidate(1))),
                "B's candidate object differs from the one A sent: " + relayed.get("candidate"));

        a.send(message("candidate", "candidate", null));
        JsonNode end = expectRelayed(b, "candidate", a, room);
        require(end.has("candidate") && end.get("candidate").isNull(),
                "end-of-candidates reached B without an explicit \"candidate\":null");

        b.send(message("bye"));
        expectRelayed(a, "bye", b, room);
        return "offer, answer, candidate, null candidate, bye: from and room stamped, a client's from discarded";
    }

    /** The next frame of {@code receiver} is {@code type}, stamped with the sender's peerId and the room. */
    static JsonNode expectRelayed(Peer receiver, String type, Peer sender, String room) {
        JsonNode frame = receiver.expect(type);
        require(sender.peerId().equals(Frames.text(frame, "from")), receiver.label() + "'s " + type
                + " has from " + (frame.has("from") ? "\"" + Frames.text(frame, "from") + "\"" : "none")
                + ", expected " + sender.label() + "'s peerId");
        requireField(receiver, frame, "room", room);
        return frame;
    }

    private static String aSignalWithToGoesToThatMember(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        Peer b = pair.get(1);
        a.send(message("offer", "sdp", SDP, "to", b.peerId()));
        JsonNode offer = expectRelayed(b, "offer", a, room);
        requireField(b, offer, "to", b.peerId());
        return "offer with to reached that member, to kept";
    }

    private static String aSignalToNoMemberIsRefusedAndDeliveredNowhere(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        Peer b = pair.get(1);
        Peer outsider = session.connect("C");
        a.send(message("offer", "sdp", SDP, "to", "no-such-peer", "id", 8));
        requireRef(a, a.expectError("unknown-peer"), 8);
        a.send(message("offer", "sdp", SDP, "to", a.peerId()));
        a.expectError("unknown-peer");
        a.send(message("offer", "sdp", SDP, "to", outsider.peerId()));
        a.expectError("unknown-peer");
        // A's next signal is B's next frame: the refused ones went nowhere
        a.send(message("bye"));
        JsonNode next = b.next();
        require("bye".equals(Frames.text(next, "type")), "B expected nothing before A's bye, got " + Peer.describe(next));
        return "to an unknown id, to itself, to a peer outside the room: error unknown-peer, nothing delivered";
    }

    private static String aSignalOutsideRoomsIsRefused(Session session) {
        Peer a = session.connect("A");
        a.send(message("offer", "sdp", SDP, "id", 9));
        requireRef(a, a.expectError("not-in-room"), 9);
        return "offer from a peer in no room: error not-in-room with ref";
    }
}
