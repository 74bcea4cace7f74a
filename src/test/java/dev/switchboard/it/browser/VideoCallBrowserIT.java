package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.Pages.button;
import static dev.switchboard.it.browser.Pages.connectedWithVideo;
import static dev.switchboard.it.browser.Pages.fewestFrames;
import static dev.switchboard.it.browser.Pages.remotes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.it.ServerUnderTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real browsers make video calls through the server with the demo page and the client library. */
class VideoCallBrowserIT {

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    /** Start (camera), then Call (create-or-join). */
    static void startAndCall(Browser browser, String url) {
        browser.open(url);
        browser.click("start");
        browser.await("the camera is on", snapshot -> button(snapshot, "call"));
        browser.click("call");
    }

    /** Waits until the call with {@code peers} others is up and the remote videos keep decoding frames. */
    static void awaitCallWithMovingVideo(Browser browser, int peers) {
        Map<String, Object> connected = browser.await("connected with video from " + peers + " peer(s)",
                snapshot -> connectedWithVideo(snapshot, peers));
        long frames = fewestFrames(connected);
        browser.await("remote video frames grow past " + frames,
                snapshot -> connectedWithVideo(snapshot, peers) && fewestFrames(snapshot) > frames + 5);
    }

    @Test
    void twoBrowsersConnectAndDecodeEachOthersVideo() {
        String room = ServerUnderTest.uniqueRoom();
        try (Browser a = new Browser("a"); Browser b = new Browser("b")) {
            startAndCall(a, Pages.videoCall(room));
            a.await("waiting for a peer", snapshot -> String.valueOf(snapshot.get("status")).contains("Waiting"));
            startAndCall(b, Pages.videoCall(room));
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
            Map<String, Object> atA = a.snapshot();
            Map<String, Object> atB = b.snapshot();
            assertEquals(atB.get("peerId"), remotes(atA).get(0).get("peerId"));
            assertEquals(atA.get("peerId"), remotes(atB).get(0).get("peerId"));
            assertEquals("ok", atA.get("statusKind"));
            a.screenshot("video-call-a.png");
            b.screenshot("video-call-b.png");
        }
    }

    @Test
    void aThirdBrowserSeesTheRoomIsFullAndTheCallGoesOn() {
        String room = ServerUnderTest.uniqueRoom();
        try (Browser a = new Browser("a"); Browser b = new Browser("b"); Browser c = new Browser("c")) {
            startAndCall(a, Pages.videoCall(room));
            startAndCall(b, Pages.videoCall(room));
            awaitCallWithMovingVideo(a, 1);
            startAndCall(c, Pages.videoCall(room));
            c.await("the room is full", snapshot -> "error".equals(snapshot.get("statusKind"))
                    && String.valueOf(snapshot.get("status")).contains("full"));
            c.screenshot("video-call-full.png");
            assertEquals(0, remotes(c.snapshot()).size());
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
        }
    }

    @Test
    void hangingUpResetsTheOtherSideAndCallingAgainWorks() {
        String room = ServerUnderTest.uniqueRoom();
        try (Browser a = new Browser("a"); Browser b = new Browser("b")) {
            startAndCall(a, Pages.videoCall(room));
            startAndCall(b, Pages.videoCall(room));
            awaitCallWithMovingVideo(a, 1);
            String firstPeerIdOfB = String.valueOf(b.snapshot().get("peerId"));

            b.click("hangup");
            b.await("b is back to ready-to-call", snapshot -> remotes(snapshot).isEmpty() && button(snapshot, "call"));
            a.await("a sees b leave", snapshot -> remotes(snapshot).isEmpty()
                    && String.valueOf(snapshot.get("status")).contains("left"));
            a.screenshot("video-call-after-hangup.png");

            b.click("call");
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
            assertNotEquals(firstPeerIdOfB, b.snapshot().get("peerId"), "a new call is a new connection");
        }
    }
}
