package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.VideoCallBrowserIT.awaitCallWithMovingVideo;
import static dev.switchboard.it.browser.VideoCallBrowserIT.startAndCall;

import dev.switchboard.it.ExtraServer;
import dev.switchboard.it.ServerUnderTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three browsers in one room on a server configured for rooms of three: every pair connects (a mesh). */
class GroupCallBrowserIT {

    @RegisterExtension
    static final ExtraServer groupServer = new ExtraServer("groupCallIT", Map.of("SWITCHBOARD_ROOM_CAPACITY", "3"));

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void threeBrowsersConnectAllThreePairs() {
        String room = ServerUnderTest.uniqueRoom();
        String page = Pages.videoCall(groupServer.httpUri("/"), room);
        try (Browser a = new Browser("a"); Browser b = new Browser("b"); Browser c = new Browser("c")) {
            startAndCall(a, page);
            startAndCall(b, page);
            startAndCall(c, page);
            awaitCallWithMovingVideo(a, 2);
            awaitCallWithMovingVideo(b, 2);
            awaitCallWithMovingVideo(c, 2);
            c.screenshot("group-call-c.png");
        }
    }
}
