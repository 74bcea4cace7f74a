package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.VideoCallBrowserIT.awaitCallWithMovingVideo;
import static dev.switchboard.it.browser.VideoCallBrowserIT.startAndCall;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.access.Tokens;
import dev.switchboard.it.ExtraServer;
import dev.switchboard.it.ServerUnderTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo pages on a server with access control on ({@code switchboard.auth.mode=token}) and its
 * development token endpoint: the pages fetch a token, present it, and the call works as without tokens.
 */
class AccessControlBrowserIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("accessControlBrowserIT", Map.of(
            "SWITCHBOARD_AUTH_MODE", "token",
            "SWITCHBOARD_AUTH_JWT_SECRET", Tokens.SECRET,
            "SWITCHBOARD_AUTH_DEV_TOKENS", "true"));

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void twoBrowsersWithDevelopmentTokensConnectAVideoCall() {
        String page = Pages.videoCall(server.httpUri("/"), ServerUnderTest.uniqueRoom());
        try (Browser a = new Browser("a"); Browser b = new Browser("b")) {
            startAndCall(a, page);
            startAndCall(b, page);
            awaitCallWithMovingVideo(a, 1);
            awaitCallWithMovingVideo(b, 1);
            assertEquals("ok", a.snapshot().get("statusKind"));
            a.screenshot("access-control-call-a.png");
        }
    }
}
