package dev.switchboard.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of the backplane, read from this package's resources, with the SHA-1 digest Redis knows it
 * by. Each script is one atomic step in Redis: nothing else runs while it does.
 */
record Script(String name, String source, String sha) {

    static final Script ENTER = load("enter");
    static final Script LEAVE = load("leave");
    static final Script ROOM_OF = load("room-of");
    static final Script MEMBERS = load("members");
    static final Script LOGIN = load("login");
    static final Script LOGOUT = load("logout");
    static final Script FIND = load("find");
    static final Script ONLINE = load("online");
    static final Script HEARTBEAT = load("heartbeat");
    static final Script EVICT = load("evict");
    static final Script DEAD_NODES = load("dead-nodes");
    static final Script MINE = load("mine");

    private static Script load(String name) {
        try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Script(name, source, sha1(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
