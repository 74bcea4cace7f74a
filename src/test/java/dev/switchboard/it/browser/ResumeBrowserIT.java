package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.Pages.connectedWithVideo;
import static dev.switchboard.it.browser.Pages.remotes;
import static dev.switchboard.it.browser.VideoCallBrowserIT.awaitCallWithMovingVideo;
import static dev.switchboard.it.browser.VideoCallBrowserIT.startAndCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.access.Tokens;
import dev.switchboard.it.ExtraServer;
import dev.switchboard.it.ServerUnderTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call outlives an abrupt drop of one page's signaling connection. Page A's signaling WebSocket goes through
 * a {@link CuttableForwarder}, which the test resets on both sides (no close frame: a close from the page would
 * be a goodbye) and keeps refusing for a while; page B connects directly. Within the resume window A's client
 * resumes as the same peer, and renegotiations go over the resumed connection (one made after it, one made
 * during the outage and held); past the window it comes back as a new peer, re-enters the room and the call
 * is rebuilt, or on the directory page logs in again under its name.
 */
class ResumeBrowserIT {

    /** Access control on, so that a resume also presents a fresh token (of the same development user). */
    @RegisterExtension
    static final ExtraServer resumable = new ExtraServer("resumeBrowserIT", Map.of(
            "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", "30000",
            "SWITCHBOARD_AUTH_MODE", "token",
            "SWITCHBOARD_AUTH_JWT_SECRET", Tokens.SECRET,
            "SWITCHBOARD_AUTH_DEV_TOKENS", "true"));

    /** A window short enough to let it pass while the forwarder refuses. */
    @RegisterExtension
    static final ExtraServer shortWindow = new ExtraServer("resumeBrowserShortIT", Map.of(
            "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", "3000"));

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void aCallSurvivesADroppedSignalingConnectionAndRenegotiatesAfterTheResume() throws Exception {
        String room = ServerUnderTest.uniqueRoom();
        try (CuttableForwarder forwarder = new CuttableForwarder(resumable.port());
             Browser a = new Browser("a"); Browser b = new Browser("b")) {
            String aId = callThroughForwarder(resumable, room, forwarder, a, b);
            String bId = String.valueOf(b.snapshot().get("peerId"));

            forwarder.refuse(true);
            assertEquals(1, forwarder.cut(), forwarder::toString);
            a.await("A says it is reconnecting, and retried after a refused attempt", snapshot ->
                    "reconnecting".equals(snapshot.get("signaling")) && reconnects(snapshot, "attempts") >= 2
                            && String.valueOf(snapshot.get("status")).contains("Reconnecting")
                            && "warn".equals(snapshot.get("statusKind")));
            // media is peer to peer: it goes on while A has no signaling at all
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
            Map<String, Object> stillDown = a.snapshot();
            assertEquals("reconnecting", stillDown.get("signaling"), () -> "the video was checked during the outage: " + stillDown);
            assertEquals(1006L, reconnects(stillDown, "lastCloseCode"), () -> "an abrupt close: " + stillDown);

            forwarder.refuse(false);
            Map<String, Object> back = a.await("A resumed and says it reconnected", snapshot ->
                    "open".equals(snapshot.get("signaling")) && reconnects(snapshot, "resumed") == 1
                            && String.valueOf(snapshot.get("status")).contains("Reconnected"));
            assertEquals(aId, back.get("peerId"), () -> "the same peer after the resume: " + back);
            assertEquals(0L, reconnects(back, "rejoined"), () -> back.toString());
            assertEquals(room, back.get("room"), () -> back.toString());
            assertEquals(2, forwarder.forwarded(), () -> "one connection before the drop, one resumed: " + forwarder);
            Map<String, Object> atB = b.snapshot();
            assertEquals(List.of(aId), remotePeerIds(atB), () -> "B kept its call with the same A: " + atB);

            // a renegotiation (A adds a data channel): the offer and answer go over the resumed signaling
            a.run("window.switchboardDemo.renegotiate();");
            a.await("A's new data channel to B opened after an offer/answer over the resumed connection", snapshot ->
                    "open".equals(probes(snapshot).get(bId)) && "stable".equals(signalingState(snapshot)));
            b.await("B is stable after answering", snapshot ->
                    connectedWithVideo(snapshot, 1) && "stable".equals(signalingState(snapshot)));
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
            assertEquals(2, forwarder.forwarded(), () -> "no further connection was needed: " + forwarder);
            assertEquals(List.of(), a.snapshot().get("problems"));
            a.screenshot("resume-a.png");
        }
    }

    @Test
    void aRenegotiationStartedWhileTheSignalingIsDownCompletesOnceItResumes() throws Exception {
        String room = ServerUnderTest.uniqueRoom();
        try (CuttableForwarder forwarder = new CuttableForwarder(resumable.port());
             Browser a = new Browser("a"); Browser b = new Browser("b")) {
            String aId = callThroughForwarder(resumable, room, forwarder, a, b);
            String bId = String.valueOf(b.snapshot().get("peerId"));

            forwarder.refuse(true);
            assertEquals(1, forwarder.cut(), forwarder::toString);
            a.await("A is reconnecting", snapshot -> "reconnecting".equals(snapshot.get("signaling")));
            // the offer is made now, with no signaling connection: A's mesh holds it
            a.run("window.switchboardDemo.renegotiate();");
            a.await("A made its offer and waits for the answer", snapshot ->
                    "have-local-offer".equals(signalingState(snapshot)));
            Map<String, Object> waiting = a.snapshot();
            assertEquals("reconnecting", waiting.get("signaling"), () -> "the offer was made during the outage: " + waiting);
            assertEquals("connecting", probes(waiting).get(bId), () -> waiting.toString());

            forwarder.refuse(false);
            a.await("A resumed, sent the held offer, got B's answer, and the new channel opened", snapshot ->
                    reconnects(snapshot, "resumed") == 1 && "open".equals(probes(snapshot).get(bId))
                            && "stable".equals(signalingState(snapshot)));
            assertEquals(aId, a.snapshot().get("peerId"));
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
        }
    }

    @Test
    void pastTheResumeWindowThePageRejoinsAsANewPeerAndTheCallComesBack() throws Exception {
        String room = ServerUnderTest.uniqueRoom();
        try (CuttableForwarder forwarder = new CuttableForwarder(shortWindow.port());
             Browser a = new Browser("a"); Browser b = new Browser("b")) {
            String aId = callThroughForwarder(shortWindow, room, forwarder, a, b);
            String bId = String.valueOf(b.snapshot().get("peerId"));

            forwarder.refuse(true);
            assertEquals(1, forwarder.cut(), forwarder::toString);
            a.await("A is reconnecting", snapshot -> "reconnecting".equals(snapshot.get("signaling")));
            b.await("A's window passed: the server told B it left", snapshot -> remotes(snapshot).isEmpty());

            forwarder.refuse(false);
            Map<String, Object> back = a.await("A rejoined as a new peer and says it reconnected", snapshot ->
                    "open".equals(snapshot.get("signaling")) && reconnects(snapshot, "rejoined") == 1
                            && String.valueOf(snapshot.get("status")).contains("Reconnected"));
            String newId = String.valueOf(back.get("peerId"));
            assertNotEquals(aId, newId, () -> "a new peer: " + back);
            assertEquals(room, back.get("room"), () -> "back in its room: " + back);
            assertEquals(0L, reconnects(back, "resumed"), () -> back.toString());

            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
            Map<String, Object> atA = a.snapshot();
            Map<String, Object> atB = b.snapshot();
            assertEquals(List.of(bId), remotePeerIds(atA), () -> "A's call is with B: " + atA);
            assertEquals(List.of(newId), remotePeerIds(atB), () -> "B's call is with the new A: " + atB);
            a.screenshot("rejoin-a.png");
        }
    }

    @Test
    void pastTheResumeWindowTheDirectoryPageLogsInAgainUnderItsName() throws Exception {
        String alice = "Alice " + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String bob = "Bob " + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        try (CuttableForwarder forwarder = new CuttableForwarder(shortWindow.port());
             Browser a = new Browser("alice"); Browser b = new Browser("bob")) {
            logIn(a, throughForwarder(shortWindow, "/directory.html?", forwarder), alice);
            logIn(b, shortWindow.httpUri("/directory.html").toString(), bob);
            a.await(alice + " sees " + bob, snapshot -> online(snapshot).contains(bob));
            b.await(bob + " sees " + alice, snapshot -> online(snapshot).contains(alice));
            String aliceId = String.valueOf(a.snapshot().get("peerId"));

            forwarder.refuse(true);
            assertEquals(1, forwarder.cut(), forwarder::toString);
            a.await(alice + " is reconnecting", snapshot -> "reconnecting".equals(snapshot.get("signaling"))
                    && String.valueOf(snapshot.get("status")).contains("Reconnecting"));
            b.await(alice + "'s window passed: " + bob + " sees her go offline",
                    snapshot -> !online(snapshot).contains(alice));

            forwarder.refuse(false);
            Map<String, Object> back = a.await(alice + " logged in again as a new peer", snapshot ->
                    "open".equals(snapshot.get("signaling")) && reconnects(snapshot, "rejoined") == 1
                            && alice.equals(snapshot.get("name")) && online(snapshot).contains(bob)
                            && String.valueOf(snapshot.get("status")).contains("Reconnected"));
            assertNotEquals(aliceId, back.get("peerId"), () -> back.toString());
            b.await(bob + " sees " + alice + " online again", snapshot -> online(snapshot).contains(alice));
            b.select("to", alice);
            b.type("text", "welcome back");
            b.click("send");
            a.await(alice + " received " + bob + "'s message",
                    snapshot -> ((List<?>) snapshot.get("received")).contains(bob + ": welcome back"));
        }
    }

    private static void logIn(Browser browser, String page, String name) {
        browser.open(page);
        browser.type("name", name);
        browser.click("login");
        browser.await("logged in as " + name, snapshot -> name.equals(snapshot.get("name")));
    }

    private static List<?> online(Map<String, Object> snapshot) {
        return (List<?>) snapshot.get("online");
    }

    /**
     * {@code page} (a path ending in ? or &) on 127.0.0.1, with its signaling through {@code forwarder}: the
     * {@code ?signal=} URL must be on the page's own host name, and the forwarder listens on 127.0.0.1.
     */
    private static String throughForwarder(ExtraServer server, String page, CuttableForwarder forwarder) {
        return "http://127.0.0.1:" + server.port() + page + "signal="
                + URLEncoder.encode(forwarder.webSocketUri("/signal").toString(), StandardCharsets.UTF_8);
    }

    /**
     * A (signaling through the forwarder) and B (directly) meet in {@code room} and their call is up with
     * moving video; returns A's peer id.
     */
    private static String callThroughForwarder(ExtraServer server, String room, CuttableForwarder forwarder,
                                               Browser a, Browser b) {
        startAndCall(a, throughForwarder(server, "/room.html?room=" + room + "&", forwarder));
        a.await("A waits in the room", snapshot -> String.valueOf(snapshot.get("status")).contains("Waiting"));
        assertEquals(1, forwarder.forwarded(), forwarder::toString);
        startAndCall(b, Pages.videoCall(server.httpUri("/"), room));
        awaitCallWithMovingVideo(a, 1);
        awaitCallWithMovingVideo(b, 1);
        String aId = String.valueOf(a.snapshot().get("peerId"));
        Map<String, Object> atB = b.snapshot();
        assertEquals(List.of(aId), remotePeerIds(atB), () -> atB.toString());
        return aId;
    }

    /** The signaling state of the page's one peer connection, or null while it has none. */
    private static Object signalingState(Map<String, Object> snapshot) {
        List<Map<String, Object>> remotes = remotes(snapshot);
        return remotes.size() == 1 ? remotes.get(0).get("signalingState") : null;
    }

    private static List<Object> remotePeerIds(Map<String, Object> snapshot) {
        return remotes(snapshot).stream().map(remote -> remote.get("peerId")).toList();
    }

    @SuppressWarnings("unchecked")
    private static long reconnects(Map<String, Object> snapshot, String key) {
        return Pages.number((Map<String, Object>) snapshot.get("reconnects"), key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> probes(Map<String, Object> snapshot) {
        return (Map<String, Object>) snapshot.get("probes");
    }
}
