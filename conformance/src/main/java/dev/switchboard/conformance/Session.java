package dev.switchboard.conformance;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * What one check works with: connections to the server under test, and fresh random room and user names, so
 * that a check never meets a real room or user on a live server. Every connection it opened is closed when the
 * check ends, passed or not ({@link #close()}); closing with a handshake takes a peer out of its room and the
 * directory, so nothing is left behind.
 */
final class Session implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Options options;
    private final FrameSchemas schemas;
    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    Session(Options options, FrameSchemas schemas) {
        this.options = options;
        this.schemas = schemas;
    }

    Options options() {
        return options;
    }

    /** A new connection, past its {@code welcome}. */
    Peer connect(String label) {
        return track(Peer.connect(options, schemas, label));
    }

    /** A new connection that resumes the session of {@code resumeToken}, past its {@code resumed}. */
    Peer resume(String label, String resumeToken) {
        return track(Peer.resume(options, schemas, label, resumeToken));
    }

    private Peer track(Peer peer) {
        peers.add(peer);
        // On a live server other people log in and out: only presence changes about the kit's own peers count.
        peer.ignoring(this::isOthersPresence);
        return peer;
    }

    private boolean isOthersPresence(JsonNode frame) {
        String type = Frames.text(frame, "type");
        if (!"peer-online".equals(type) && !"peer-offline".equals(type)) {
            return false;
        }
        String about = Frames.text(frame, "peerId");
        return peers.stream().noneMatch(peer -> peer.peerId().equals(about));
    }

    /** A room name nobody else uses: {@code conf-} and 16 random letters and digits. */
    static String newRoom() {
        return "conf-" + random(16);
    }

    /** A user name nobody else uses. */
    static String newName() {
        return "Conf-" + random(12);
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /**
     * {@code count} peers in the fresh room {@code room}: the first creates it, the others join in turn; every
     * reply and every {@code peer-joined} is read and checked, so the peers' queues are empty afterwards.
     */
    List<Peer> fill(String room, int count) {
        List<Peer> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Peer peer = connect(String.valueOf((char) ('A' + i)));
            if (i == 0) {
                peer.send(Frames.message("create", "room", room));
                Checks.expectCreated(peer, room, null);
            } else {
                peer.send(Frames.message("join", "room", room));
                Checks.expectJoined(peer, room, members);
                for (Peer member : members) {
                    Checks.expectPeerJoined(member, room, peer);
                }
            }
            members.add(peer);
        }
        return members;
    }

    /** Two peers in a fresh room, A having created it and B joined. */
    List<Peer> pair(String room) {
        return fill(room, 2);
    }

    /** Fails when a frame the check received but did not read broke its schema. */
    void assertFramesConformed() {
        peers.forEach(Peer::assertFramesConformed);
    }

    @Override
    public void close() {
        peers.parallelStream().forEach(Peer::close);
    }
}
