package dev.switchboard.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryDirectoryTest {

    private final InMemoryDirectory directory = new InMemoryDirectory(3);

    @Test
    void loginListsThePeerUnderItsName() {
        assertEquals(new LoginOutcome.LoggedIn(new OnlinePeer("p1", "Alice")), directory.login("p1", "Alice"));
        assertEquals(List.of(new OnlinePeer("p1", "Alice")), directory.online());
    }

    @Test
    void aNameIsTakenWhateverItsCase() {
        directory.login("p1", "Alice");
        assertInstanceOf(LoginOutcome.NameTaken.class, directory.login("p2", "ALICE"));
        assertEquals(1, directory.online().size());
    }

    @Test
    void aPeerLogsInOnce() {
        directory.login("p1", "Alice");
        assertEquals(new LoginOutcome.AlreadyLoggedIn("Alice"), directory.login("p1", "Bob"));
        assertTrue(directory.find("Bob").isEmpty());
    }

    @Test
    void findsByPeerIdFirstThenByNameIgnoringCase() {
        directory.login("p1", "Alice");
        directory.login("Alice", "Mallory"); // a peer whose id looks like a name
        assertEquals(Optional.of(new OnlinePeer("p1", "Alice")), directory.find("alice"));
        assertEquals(Optional.of(new OnlinePeer("Alice", "Mallory")), directory.find("Alice"));
        assertTrue(directory.find("nobody").isEmpty());
    }

    @Test
    void logoutFreesTheName() {
        directory.login("p1", "Alice");
        assertEquals(Optional.of(new OnlinePeer("p1", "Alice")), directory.logout("p1"));
        assertTrue(directory.find("Alice").isEmpty());
        assertInstanceOf(LoginOutcome.LoggedIn.class, directory.login("p2", "alice"));
        assertTrue(directory.logout("p1").isEmpty());
    }

    @Test
    void theDirectoryHoldsAtMostItsLimit() {
        directory.login("p1", "a");
        directory.login("p2", "b");
        directory.login("p3", "c");
        assertInstanceOf(LoginOutcome.DirectoryFull.class, directory.login("p4", "d"));
        directory.logout("p1");
        assertInstanceOf(LoginOutcome.LoggedIn.class, directory.login("p4", "d"));
    }

    @Test
    void ofPeersRacingForOneNameExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int race = 0; race < 1_000; race++) {
                InMemoryDirectory fresh = new InMemoryDirectory(100);
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<LoginOutcome>> outcomes = new ArrayList<>();
                for (int racer = 0; racer < 4; racer++) {
                    String peer = "p" + racer;
                    outcomes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return fresh.login(peer, racer(peer));
                    }));
                }
                int winners = 0;
                for (Future<LoginOutcome> outcome : outcomes) {
                    if (outcome.get(10, TimeUnit.SECONDS) instanceof LoginOutcome.LoggedIn) {
                        winners++;
                    }
                }
                assertEquals(1, winners, "winners in race " + race);
                assertEquals(1, fresh.online().size(), "listed in race " + race);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same name in different cases, so the race is also about case-insensitive uniqueness. */
    private static String racer(String peer) {
        return peer.equals("p0") ? "Carol" : peer.equals("p1") ? "carol" : "CAROL";
    }
}
