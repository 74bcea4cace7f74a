package dev.switchboard.it.browser;

import dev.switchboard.it.ServerUnderTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** What the tests read from the demo pages' snapshots. */
final class Pages {

    private Pages() {
    }

    static String videoCall(URI server, String room) {
        return server.resolve("/room.html?room=" + room).toString();
    }

    static String videoCall(String room) {
        return videoCall(ServerUnderTest.httpUri("/"), room);
    }

    static String chat(String room) {
        return ServerUnderTest.httpUri("/chat.html?room=" + room).toString();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> remotes(Map<String, Object> snapshot) {
        return (List<Map<String, Object>>) snapshot.get("remotes");
    }

    /** Every one of {@code count} remote peers is connected and its video has decoded frames. */
    static boolean connectedWithVideo(Map<String, Object> snapshot, int count) {
        List<Map<String, Object>> remotes = remotes(snapshot);
        return remotes.size() == count && remotes.stream().allMatch(remote ->
                "connected".equals(remote.get("connectionState"))
                        && number(remote, "videoWidth") > 0
                        && number(remote, "frames") > 0);
    }

    /** The fewest decoded frames over the remote videos. */
    static long fewestFrames(Map<String, Object> snapshot) {
        return remotes(snapshot).stream().mapToLong(remote -> number(remote, "frames")).min().orElse(0);
    }

    static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    static boolean button(Map<String, Object> snapshot, String name) {
        return Boolean.TRUE.equals(((Map<String, Object>) snapshot.get("buttons")).get(name));
    }
}
