package dev.switchboard.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.ServerUnderTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The client library's perfect negotiation in a real browser: two peers in one page renegotiate at the
 * same instant, so both offer at once, and the collision must resolve rather than deadlock.
 */
class NegotiationBrowserIT {

    private static final String BOTH_OFFER_AT_ONCE = """
            const done = arguments[arguments.length - 1];
            const room = arguments[0];
            (async () => {
              const { SignalingClient, PeerMesh } = await import('/js/switchboard.js');
              const a = new SignalingClient();
              const b = new SignalingClient();
              await a.connect();
              await b.connect();
              const meshA = new PeerMesh(a, { dataChannel: 'test' });
              const meshB = new PeerMesh(b, { dataChannel: 'test' });
              const opened = (mesh) => new Promise((resolve) => mesh.addEventListener('channel-open', resolve, { once: true }));
              const openA = opened(meshA);
              const openB = opened(meshB);
              await a.createOrJoin(room);
              await b.createOrJoin(room);
              await Promise.all([openA, openB]);

              const pcA = meshA.peers.get(b.peerId).pc;
              const pcB = meshB.peers.get(a.peerId).pc;
              let offers = 0;
              const countOffers = (event) => { if (event.detail.type === 'offer') offers++; };
              a.addEventListener('sent', countOffers);
              b.addEventListener('sent', countOffers);
              pcA.addTransceiver('video'); // both want to renegotiate in the same task: both offer
              pcB.addTransceiver('video');

              const negotiated = (pc) => pc.signalingState === 'stable' && pc.getTransceivers().length >= 2
                && pc.getTransceivers().every((t) => t.mid !== null);
              const deadline = Date.now() + 30000;
              while (!(negotiated(pcA) && negotiated(pcB) && offers >= 2) && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 50));
              }
              const message = new Promise((resolve) => meshB.addEventListener('channel-message',
                (event) => resolve(event.detail.data), { once: true }));
              meshA.broadcast('still talking');
              const received = await Promise.race([message, new Promise((r) => setTimeout(() => r(null), 5000))]);
              done({
                offers,
                negotiatedA: negotiated(pcA), negotiatedB: negotiated(pcB),
                transceiversA: pcA.getTransceivers().length, transceiversB: pcB.getTransceivers().length,
                received,
              });
              meshA.dispose(); meshB.dispose(); a.close(); b.close();
            })().catch((error) => done({ error: String(error) }));
            """;

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @RepeatedTest(3)
    @SuppressWarnings("unchecked")
    void simultaneousOffersResolveAndTheConnectionKeepsWorking() {
        try (Browser browser = new Browser("negotiation")) {
            browser.open(ServerUnderTest.httpUri("/").toString());
            Map<String, Object> result = (Map<String, Object>) browser.runAsync(BOTH_OFFER_AT_ONCE,
                    ServerUnderTest.uniqueRoom());
            assertEquals(null, result.get("error"), () -> "script failed: " + result);
            assertTrue(((Number) result.get("offers")).intValue() >= 2, () -> "no collision happened: " + result);
            assertEquals(true, result.get("negotiatedA"), () -> result.toString());
            assertEquals(true, result.get("negotiatedB"), () -> result.toString());
            assertEquals(result.get("transceiversA"), result.get("transceiversB"), () -> result.toString());
            assertEquals("still talking", result.get("received"), () -> result.toString());
        }
    }
}
