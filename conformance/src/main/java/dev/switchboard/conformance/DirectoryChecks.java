package dev.switchboard.conformance;

import static dev.switchboard.conformance.Checks.require;
import static dev.switchboard.conformance.Checks.requireField;
import static dev.switchboard.conformance.Checks.requireRef;
import static dev.switchboard.conformance.Frames.message;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The directory: login, presence, messages by name, logout. Skipped where the server has it disabled (every
 * directory message then gets error {@code directory-disabled}) or the access token does not grant it.
 */
final class DirectoryChecks {

    private DirectoryChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("directory-login", DirectoryChecks::loginRepliesThenListsEveryoneOnline),
                new Check("directory-name-taken", DirectoryChecks::aNameIsOnlineOnceIgnoringCase),
                new Check("directory-message", DirectoryChecks::aMessageByNameIsStampedBySender),
                new Check("directory-logout", DirectoryChecks::logoutTellsTheOthersAndFreesTheName));
    }

    /** Logs {@code peer} in as {@code name} and reads its reply and its presence list, which must list it. */
    static void login(Peer peer, String name) {
        peer.send(message("login", "name", name, "id", "login-" + peer.label()));
        JsonNode reply = peer.expect("login");
        require(reply.get("ok").asBoolean(), peer.label() + "'s login reply is not ok");
        requireField(peer, reply, "name", name);
        requireField(peer, reply, "peerId", peer.peerId());
        requireRef(peer, reply, "login-" + peer.label());
        JsonNode presence = peer.expect("presence");
        require(lists(presence, peer, name), peer.label() + "'s presence does not list itself under its name");
    }

    private static boolean lists(JsonNode presence, Peer peer, String name) {
        for (JsonNode entry : presence.get("peers")) {
            if (peer.peerId().equals(Frames.text(entry, "peerId")) && name.equals(Frames.text(entry, "name"))) {
                return true;
            }
        }
        return false;
    }

    /** A peer of the kit's, logged in under {@code name}. */
    record Online(Peer peer, String name) {
    }

    /** A and B logged in under fresh names, A having seen B come online: both queues are empty afterwards. */
    private static List<Online> twoOnline(Session session) {
        Peer a = session.connect("A");
        String nameA = Session.newName();
        login(a, nameA);
        Peer b = session.connect("B");
        String nameB = Session.newName();
        login(b, nameB);
        expectOnline(a, b, nameB);
        return List.of(new Online(a, nameA), new Online(b, nameB));
    }

    static void expectOnline(Peer watcher, Peer peer, String name) {
        JsonNode online = watcher.expect("peer-online");
        requireField(watcher, online, "peerId", peer.peerId());
        requireField(watcher, online, "name", name);
    }

    private static String loginRepliesThenListsEveryoneOnline(Session session) {
        Peer b = twoOnline(session).get(1).peer();
        b.send(message("login", "name", Session.newName()));
        b.expectError("already-logged-in");
        return "login ok with ref, presence lists the newcomer, the others get peer-online; a second login: already-logged-in";
    }

    private static String aNameIsOnlineOnceIgnoringCase(Session session) {
        Peer a = session.connect("A");
        String name = Session.newName();
        login(a, name);
        Peer b = session.connect("B");
        b.send(message("login", "name", name.toLowerCase(Locale.ROOT), "id", 12));
        requireRef(b, b.expectError("name-taken"), 12);
        b.send(message("login", "name", " leading-space"));
        b.expectError("invalid-name");
        b.send(message("login", "name", "x".repeat(33)));
        b.expectError("invalid-name");
        return "the name in lower case: name-taken; a leading space, 33 characters: invalid-name";
    }

    private static String aMessageByNameIsStampedBySender(Session session) {
        List<Online> both = twoOnline(session);
        Peer a = both.get(0).peer();
        String nameA = both.get(0).name();
        Peer b = both.get(1).peer();
        Map<String, Object> body = Map.of("text", "conformance", "n", 1, "nested", List.of(true, Map.of("x", 2.5)));
        // by name, in another case, with a forged from, fromName and ts, which the server replaces
        a.send(message("message", "to", both.get(1).name().toUpperCase(Locale.ROOT), "body", body, "from", "forged",
                "fromName", "forged", "ts", 1));
        JsonNode received = b.expect("message");
        require(a.peerId().equals(Frames.text(received, "from")), "B's message does not have A's peerId as from");
        requireField(b, received, "fromName", nameA);
        require(received.get("ts").asLong() > 1, "B's message has ts " + received.get("ts") + ", not the server's time");
        require(received.get("body").equals(Frames.JSON.valueToTree(body)), "B's message body differs from A's");
        // and by peerId
        b.send(message("message", "to", a.peerId(), "body", null));
        JsonNode reply = a.expect("message");
        require(b.peerId().equals(Frames.text(reply, "from")), "A's message does not have B's peerId as from");
        require(reply.has("body") && reply.get("body").isNull(), "A's message lost its null body");
        a.send(message("message", "to", Session.newName(), "body", 1, "id", 13));
        requireRef(a, a.expectError("unknown-peer"), 13);
        a.send(message("message", "body", 1));
        a.expectError("invalid-message");
        Peer c = session.connect("C");
        c.send(message("message", "to", nameA, "body", 1));
        c.expectError("not-logged-in");
        return "by name (any case) and by peerId: from, fromName, ts stamped, body exact; nobody: unknown-peer;"
                + " no to: invalid-message; not logged in: not-logged-in";
    }

    private static String logoutTellsTheOthersAndFreesTheName(Session session) {
        List<Online> both = twoOnline(session);
        Peer a = both.get(0).peer();
        String nameA = both.get(0).name();
        Peer b = both.get(1).peer();
        a.send(message("logout"));
        JsonNode offline = b.expect("peer-offline");
        requireField(b, offline, "peerId", a.peerId());
        requireField(b, offline, "name", nameA);
        requireField(b, offline, "reason", "logout");
        a.send(message("logout", "id", 14));
        requireRef(a, a.expectError("not-logged-in"), 14);
        Peer c = session.connect("C");
        login(c, nameA);
        expectOnline(b, c, nameA);
        c.close();
        JsonNode gone = b.expect("peer-offline");
        requireField(b, gone, "peerId", c.peerId());
        requireField(b, gone, "reason", "disconnected");
        return "peer-offline reason logout, the name free at once; logout again: not-logged-in;"
                + " a closed connection: peer-offline reason disconnected";
    }
}
