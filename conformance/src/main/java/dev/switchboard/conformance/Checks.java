package dev.switchboard.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Every check of the kit, in the order they run, and the expectations several of them share. */
final class Checks {

    private Checks() {
    }

    static List<Check> all() {
        return Stream.of(RoomChecks.all(), RelayChecks.all(), ErrorChecks.all(), DirectoryChecks.all(),
                ConcurrencyChecks.all(), ResumeChecks.all()).flatMap(List::stream).toList();
    }

    /** Fails with {@code seen} unless {@code condition} holds. */
    static void require(boolean condition, String seen) {
        if (!condition) {
            throw new CheckFailed(seen);
        }
    }

    /** Fails unless {@code frame}'s {@code field} is {@code expected} (a string). */
    static void requireField(Peer peer, JsonNode frame, String field, String expected) {
        String actual = Frames.text(frame, field);
        require(Objects.equals(expected, actual), peer.label() + "'s " + Frames.text(frame, "type") + " has " + field + " "
                + show(actual) + ", expected " + show(expected));
    }

    /** Fails unless the reply carries {@code ref} equal to the request's id (absent when the request had none). */
    static void requireRef(Peer peer, JsonNode reply, Object id) {
        JsonNode ref = reply.get("ref");
        JsonNode expected = id == null ? null : Frames.JSON.valueToTree(id);
        require(Objects.equals(expected, ref), peer.label() + "'s " + Peer.describe(reply) + " has ref " + ref
                + ", expected " + (expected == null ? "none" : expected));
    }

    private static String show(String value) {
        return value == null ? "none" : "\"" + value + "\"";
    }

    static JsonNode expectCreated(Peer peer, String room, Object id) {
        JsonNode created = peer.expect("created");
        requireField(peer, created, "room", room);
        requireField(peer, created, "peerId", peer.peerId());
        require(created.get("peers").isEmpty(), peer.label() + "'s created lists peers " + created.get("peers"));
        requireRef(peer, created, id);
        return created;
    }

    /** {@code joined}, listing the members already there in order of arrival. */
    static JsonNode expectJoined(Peer peer, String room, List<Peer> members) {
        JsonNode joined = peer.expect("joined");
        requireField(peer, joined, "room", room);
        requireField(peer, joined, "peerId", peer.peerId());
        List<String> listed = new ArrayList<>();
        joined.get("peers").forEach(id -> listed.add(id.asString()));
        List<String> expected = members.stream().map(Peer::peerId).toList();
        require(listed.equals(expected), peer.label() + "'s joined lists " + listed.size() + " peers " + labels(listed, members)
                + ", expected " + members.stream().map(Peer::label).toList());
        return joined;
    }

    static void expectPeerJoined(Peer member, String room, Peer newcomer) {
        JsonNode joined = member.expect("peer-joined");
        requireField(member, joined, "room", room);
        require(newcomer.peerId().equals(Frames.text(joined, "peerId")),
                member.label() + "'s peer-joined names another peer than " + newcomer.label());
    }

    static void expectPeerLeft(Peer member, String room, Peer leaver, String reason) {
        JsonNode left = member.expect("peer-left");
        requireField(member, left, "room", room);
        require(leaver.peerId().equals(Frames.text(left, "peerId")),
                member.label() + "'s peer-left names another peer than " + leaver.label());
        requireField(member, left, "reason", reason);
    }

    /** Peer ids shown as the kit's labels where they are its own peers (ids are not secret, but unreadable). */
    private static List<String> labels(List<String> ids, List<Peer> peers) {
        return ids.stream().map(id -> peers.stream().filter(peer -> peer.peerId().equals(id)).map(Peer::label)
                .findFirst().orElse("unknown peer")).toList();
    }
}
