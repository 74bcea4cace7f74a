package dev.switchboard.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.FakeTransport;
import dev.switchboard.metrics.SignalingMetrics;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's life, without a container: admitted or refused, its messages, its end and clean-up. */
class ConnectionLifecycleTest {

    private TestServer server = new TestServer();

    @AfterEach
    void theThreadingRuleHeld() throws InterruptedException {
        server.close();
    }

    private static String createOrJoin(String room) {
        return "{\"type\":\"create-or-join\",\"room\":\"" + room + "\"}";
    }

    @Test
    void aNewConnectionIsWelcomedAndRegistered() {
        TestClient client = server.connect();
        server.settle();
        assertEquals(List.of("welcome"), client.types());
        assertEquals(client.peer(), client.received().get(0).getString("peerId"));
        assertTrue(server.peers.isConnected(client.peer()));
        assertEquals(1, server.limits.admitted());
    }

    @Test
    void aConnectionOverItsAddressLimitIsClosedWith1013BeforeAnyWelcome() throws InterruptedException {
        server.close();
        server = new TestServer(2, 100, 1, 1024, SignalingMetrics.NONE);
        TestClient first = server.connect("192.0.2.7", FakeTransport.Completion.ASYNC);
        TestClient second = server.connect("192.0.2.7", FakeTransport.Completion.ASYNC);
        TestClient elsewhere = server.connect("192.0.2.8", FakeTransport.Completion.ASYNC);
        server.settle();
        assertEquals(List.of(), second.types());
        assertEquals(CloseCodes.TRY_AGAIN_LATER, second.closed().code());
        assertEquals(List.of("welcome"), first.types());
        assertEquals(List.of("welcome"), elsewhere.types());
        assertFalse(server.peers.isConnected(second.peer()));
    }

    @Test
    void aPlaceIsGivenBackOnceTheConnectionIsCleanedUp() throws InterruptedException {
        server.close();
        server = new TestServer(2, 1, 1, 1024, SignalingMetrics.NONE);
        TestClient first = server.connect();
        first.connection().closed();
        server.settle();
        TestClient next = server.connect();
        server.settle();
        assertEquals(List.of("welcome"), next.types());
        assertEquals(1, server.limits.admitted());
    }

    @Test
    void aConnectionOverTheServersLimitIsClosedWith1013() throws InterruptedException {
        server.close();
        server = new TestServer(2, 1, 100, 1024, SignalingMetrics.NONE);
        server.connect();
        TestClient refused = server.connect("192.0.2.9", FakeTransport.Completion.ASYNC);
        server.settle();
        assertEquals(CloseCodes.TRY_AGAIN_LATER, refused.closed().code());
        assertEquals(List.of(), refused.types());
        assertEquals(1, server.limits.admitted());
    }

    @Test
    void aConnectionOpenedWhileDrainingIsClosedWith1001() {
        server.gate.refuseConnections();
        TestClient client = server.connect();
        server.settle();
        assertEquals(CloseCodes.GOING_AWAY, client.closed().code());
        assertEquals(List.of(), client.types());
        assertEquals(0, server.limits.admitted());
    }

    @Test
    void aClosedConnectionsRoomHearsItLeftAndNothingIsKept() {
        TestClient a = server.connect();
        TestClient b = server.connect();
        a.send(createOrJoin("r"));
        b.send(createOrJoin("r"));
        b.connection().closed();
        server.settle();
        assertEquals(List.of("welcome", "created", "peer-joined", "peer-left"), a.types());
        assertEquals("disconnected", a.received().get(3).getString("reason"));
        assertFalse(server.peers.isConnected(b.peer()));
        assertEquals(1, server.limits.admitted());
        assertEquals(1, server.rooms.occupancy().peers());
    }

    @Test
    void aMessageAfterTheConnectionEndedIsNotActedOn() {
        TestClient client = server.connect();
        client.connection().closeNow(CloseCodes.idle());
        client.send(createOrJoin("r"));
        server.settle();
        assertEquals(0, server.rooms.occupancy().rooms());
        assertEquals(CloseCodes.IDLE, client.closed().code());
    }

    @Test
    void aBinaryFrameIsAnsweredWith1003AfterWhatWasQueued() {
        TestClient client = server.connect();
        server.lifecycle.receivedBinary(client.connection());
        server.settle();
        assertEquals(List.of("welcome"), client.types());
        assertEquals(CloseCodes.CANNOT_ACCEPT, client.closed().code());
    }

    @Test
    void aFullRoomOnTheRoomPathIsToldAndClosedWith4001() {
        server.connectToRoom("r");
        server.connectToRoom("r");
        TestClient third = server.connectToRoom("r");
        server.settle();
        assertEquals(List.of("welcome", "full"), third.types());
        assertEquals(CloseCodes.ROOM_FULL, third.closed().code());
    }

    @Test
    void aBroadcastIsEncodedOnceForAllItsReceivers() throws InterruptedException {
        server.close();
        server = new TestServer(4, 100, 100, 1024, SignalingMetrics.NONE);
        List<TestClient> members = List.of(server.connect(), server.connect(), server.connect(), server.connect());
        members.forEach(member -> member.send(createOrJoin("r")));
        members.get(0).send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        server.settle();
        List<String> copies = members.subList(1, 4).stream()
                .map(member -> member.transport().writtenSoFar().stream().filter(text -> text.contains("\"offer\""))
                        .findFirst().orElseThrow())
                .toList();
        assertSame(copies.get(0), copies.get(1));
        assertSame(copies.get(0), copies.get(2));
    }

    /**
     * The server closes connections while their own joins and logins are being handled (as a slow-consumer
     * cut-off or a heartbeat timeout does, from other threads): whichever comes first, the peer's clean-up
     * follows its join, so no room member or login is left that nothing removes.
     */
    @Test
    void aCloseDuringAPeersOwnJoinOrLoginLeavesNoGhost() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 500; i++) {
                TestClient client = server.connect();
                String room = "ghost-" + i;
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> join = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    client.send(createOrJoin(room));
                    client.send("{\"type\":\"login\",\"name\":\"ghost " + room + "\"}");
                    return null;
                });
                Future<?> close = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client.connection().closeNow(CloseCodes.heartbeatTimeout());
                });
                join.get(10, TimeUnit.SECONDS);
                close.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        server.settle();
        assertEquals(0, server.rooms.occupancy().rooms(), "rooms left");
        assertEquals(0, server.directory.count(), "logins left");
        assertEquals(0, server.peers.count(), "connections left");
        assertEquals(0, server.limits.admitted(), "places not given back");
    }

    @Test
    void aReceiverThatStopsReadingIsCutOffAndItsRoomHearsSo() throws InterruptedException {
        server.close();
        server = new TestServer(2, 100, 100, 8, SignalingMetrics.NONE);
        TestClient sender = server.connect();
        TestClient stuck = server.connect("192.0.2.2", FakeTransport.Completion.MANUAL);
        sender.send(createOrJoin("r"));
        stuck.send(createOrJoin("r"));
        for (int i = 0; i < 20; i++) {
            sender.send("{\"type\":\"offer\",\"sdp\":\"" + i + "\"}");
        }
        server.settle();
        assertEquals(CloseCodes.SLOW_CONSUMER, stuck.closed().code());
        assertEquals("peer-left", sender.types().get(sender.types().size() - 1));
        assertNull(sender.closed());
    }

    @Test
    void theQueueHoldsTheWelcomeUntilTheWriterWritesIt() {
        TestClient client = server.connect("192.0.2.3", FakeTransport.Completion.MANUAL);
        server.settle();
        assertEquals(List.of("welcome"), client.types());
        client.send(createOrJoin("r"));
        server.settle();
        assertEquals(List.of("welcome"), client.types(), "the next write waits for the welcome to complete");
        client.transport().completeOne(null);
        server.settle();
        assertEquals(List.of("welcome", "created"), client.types());
    }
}
