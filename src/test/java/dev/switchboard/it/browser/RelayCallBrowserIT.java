package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.Pages.connectedWithVideo;
import static dev.switchboard.it.browser.Pages.fewestFrames;
import static dev.switchboard.it.browser.Pages.remotes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.ExtraServer;
import dev.switchboard.it.ServerUnderTest;
import dev.switchboard.it.TurnServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls forced through a real coturn ({@code iceTransportPolicy: 'relay'}, the page's "relay only" switch)
 * with nothing but the ICE servers and credentials the signaling server handed out: as behind a symmetric
 * NAT or a strict firewall. Credentials live {@value #TTL_SECONDS} s, so a call outlives its first ones.
 */
class RelayCallBrowserIT {

    private static final long TTL_SECONDS = 20;

    @RegisterExtension
    @Order(1)
    static final TurnServer turn = new TurnServer();

    @RegisterExtension
    @Order(2)
    static final ExtraServer server = new ExtraServer("relayCallIT", Map.of(
            "SWITCHBOARD_ICE_TURN_URLS", turn.url(),
            "SWITCHBOARD_ICE_TURN_SECRET", turn.secret(),
            "SWITCHBOARD_ICE_TURN_TTL_SECONDS", String.valueOf(TTL_SECONDS)));

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    /** Start (camera), tick "relay only", Call. */
    private static void startRelayOnlyCall(Browser browser, String page) {
        browser.open(page);
        browser.click("start");
        browser.await("the camera is on", snapshot -> Pages.button(snapshot, "call"));
        browser.click("relay-only");
        browser.click("call");
    }

    /** Connected with moving video, and the selected candidate pair is a relay on both ends. */
    private static Map<String, Object> awaitRelayedCallWithMovingVideo(Browser browser) {
        Map<String, Object> connected = browser.await("connected through the relay with video",
                snapshot -> connectedWithVideo(snapshot, 1) && relayed(snapshot));
        long frames = fewestFrames(connected);
        return browser.await("remote video frames grow past " + frames + " through the relay",
                snapshot -> connectedWithVideo(snapshot, 1) && relayed(snapshot) && fewestFrames(snapshot) > frames + 5);
    }

    @SuppressWarnings("unchecked")
    private static boolean relayed(Map<String, Object> snapshot) {
        Map<String, Object> route = (Map<String, Object>) remotes(snapshot).get(0).get("route");
        return route != null && "relay".equals(route.get("local")) && "relay".equals(route.get("remote"));
    }

    /** The TURN usernames the page's peer connection is configured with now. */
    @SuppressWarnings("unchecked")
    private static List<String> configuredUsernames(Map<String, Object> snapshot) {
        return (List<String>) remotes(snapshot).get(0).get("turnUsernames");
    }

    private static long expiry(String username) {
        return Long.parseLong(username.split(":", 2)[0]);
    }

    /** Each peer's relay was allocated again, since allocation {@code before}, with a credential newer than the first. */
    @SafeVarargs
    private static boolean allocatesAgainWithRefreshedCredentials(int before, long firstExpiry, Map<String, Object>... peers)
            throws java.io.IOException {
        List<String> since = turn.allocations();
        since = since.subList(Math.min(before, since.size()), since.size());
        for (Map<String, Object> peer : peers) {
            String suffix = ":" + peer.get("peerId");
            if (since.stream().noneMatch(user -> user.endsWith(suffix) && expiry(user) > firstExpiry)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void twoBrowsersConnectThroughTheTurnServerWithTheCredentialsTheServerGave() throws Exception {
        String page = Pages.videoCall(server.httpUri("/"), ServerUnderTest.uniqueRoom());
        try (Browser a = new Browser("a"); Browser b = new Browser("b")) {
            startRelayOnlyCall(a, page);
            startRelayOnlyCall(b, page);
            awaitRelayedCallWithMovingVideo(a);
            Map<String, Object> atB = awaitRelayedCallWithMovingVideo(b);
            a.screenshot("relay-call-a.png");
            String usernameOfB = configuredUsernames(atB).get(0);
            assertTrue(usernameOfB.endsWith(":" + atB.get("peerId")), usernameOfB);
            assertTrue(turn.allocatedFor(usernameOfB), "coturn allocated no relay for " + usernameOfB);
        }
    }

    @Test
    void aCallOutlivesItsFirstCredentialsAndRestartsIceThroughTheRelayWithTheRefreshedOnes() throws Exception {
        String page = Pages.videoCall(server.httpUri("/"), ServerUnderTest.uniqueRoom());
        try (Browser a = new Browser("a"); Browser b = new Browser("b")) {
            startRelayOnlyCall(a, page);
            startRelayOnlyCall(b, page);
            long firstExpiry = Math.min(
                    expiry(configuredUsernames(awaitRelayedCallWithMovingVideo(a)).get(0)),
                    expiry(configuredUsernames(awaitRelayedCallWithMovingVideo(b)).get(0)));

            Map<String, Object> refreshedA = a.await("the page applied refreshed credentials",
                    snapshot -> expiry(configuredUsernames(snapshot).get(0)) > firstExpiry);
            Map<String, Object> refreshedB = b.await("the page applied refreshed credentials",
                    snapshot -> expiry(configuredUsernames(snapshot).get(0)) > firstExpiry);
            Instant expired = Instant.ofEpochSecond(firstExpiry + 1);
            await("the first credentials' expiry").atMost(Duration.ofSeconds(TTL_SECONDS + 5))
                    .until(() -> Instant.now().isAfter(expired));

            int before = turn.allocations().size();
            a.run("window.switchboardDemo.restartIce();");
            await("after the ICE restart, coturn allocates for both peers with refreshed credentials")
                    .atMost(Browser.WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> allocatesAgainWithRefreshedCredentials(before, firstExpiry, refreshedA, refreshedB));
            awaitRelayedCallWithMovingVideo(a);
            awaitRelayedCallWithMovingVideo(b);
            assertEquals(List.of(), a.snapshot().get("problems"));
        }
    }
}
