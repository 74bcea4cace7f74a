package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.directory.LoginOutcome;
import dev.switchboard.directory.OnlinePeer;
import dev.switchboard.it.RedisServer;
import dev.switchboard.room.BackendUnavailableException;
import dev.switchboard.room.Departure;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.room.Room;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on one real redis-server: their registries and directories act as one. */
class CrossNodeTest {

    private static final int RACES = 1_000;

    @RegisterExtension
    static final TestNodes nodes = new TestNodes();

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private RedisServer redis;
    private Backplane one;
    private Backplane two;

    @BeforeEach
    void twoNodes() {
        redis = nodes.redis();
        one = nodes.node();
        two = nodes.node();
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static String peer(String name, Backplane node) {
        return name + NodePeerIds.SEPARATOR + node.node();
    }

    @Test
    void joinRacesFromTwoNodesNeverOverfillARoomNorLeaveOrphans() throws Exception {
        RedisRoomRegistry first = new RedisRoomRegistry(one, 2, Integer.MAX_VALUE);
        RedisRoomRegistry second = new RedisRoomRegistry(two, 2, Integer.MAX_VALUE);
        for (int race = 0; race < RACES; race++) {
            String room = "race-" + race;
            List<Callable<JoinOutcome>> racers = List.of(
                    () -> first.createOrJoin(room, peer("a" + room, one)),
                    () -> first.createOrJoin(room, peer("b" + room, one)),
                    () -> second.createOrJoin(room, peer("c" + room, two)),
                    () -> second.createOrJoin(room, peer("d" + room, two)));
            Map<Class<?>, Long> tally = race(racers);
            assertEquals(Map.of(JoinOutcome.Created.class, 1L, JoinOutcome.Joined.class, 1L, JoinOutcome.Full.class, 2L),
                    tally, "race " + race);
        }
        assertEquals(String.valueOf(RACES), redis.command("SCARD", "switchboard:rooms"));
        for (int race = 0; race < RACES; race++) {
            String room = "race-" + race;
            for (String name : List.of("a", "b")) {
                first.leave(peer(name + room, one));
            }
            for (String name : List.of("c", "d")) {
                second.leave(peer(name + room, two));
            }
        }
        assertEquals("0", redis.command("SCARD", "switchboard:rooms"), "orphan rooms");
        assertEquals("", redis.command("KEYS", "switchboard:room:*"), "orphan room keys");
        assertEquals("0", redis.command("HLEN", "switchboard:node-rooms:" + one.node()));
        assertEquals("0", redis.command("HLEN", "switchboard:node-rooms:" + two.node()));
    }

    private Map<Class<?>, Long> race(List<Callable<JoinOutcome>> racers) throws Exception {
        CyclicBarrier start = new CyclicBarrier(racers.size());
        List<Future<JoinOutcome>> futures = new ArrayList<>();
        for (Callable<JoinOutcome> racer : racers) {
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return racer.call();
            }));
        }
        List<JoinOutcome> outcomes = new ArrayList<>();
        for (Future<JoinOutcome> future : futures) {
            outcomes.add(future.get(20, TimeUnit.SECONDS));
        }
        return outcomes.stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
    }

    @Test
    void eachNodeSeesTheOthersMembersAndKeepsItsViewCurrentFromNotices() {
        RedisRoomRegistry first = new RedisRoomRegistry(one, 3, Integer.MAX_VALUE);
        RedisRoomRegistry second = new RedisRoomRegistry(two, 3, Integer.MAX_VALUE);
        String a = peer("a", one);
        String b = peer("b", two);
        String c = peer("c", two);
        first.create("r", a);
        assertEquals(new JoinOutcome.Joined("r", List.of(a)), second.join("r", b));
        assertEquals(Optional.of(new Room("r", List.of(a, b))), first.roomOf(b), "a remote peer's room, from Redis");
        first.remoteJoined("r", b); // the peer-joined notice node two sends node one's member
        assertEquals(List.of(a, b), first.roomOf(a).orElseThrow().members(), "node one's view, without Redis");
        assertEquals(new JoinOutcome.Joined("r", List.of(a, b)), second.join("r", c));
        assertEquals(List.of(a, b, c), second.roomOf(b).orElseThrow().members());
        assertEquals(Optional.of(new Departure("r", List.of(a, c))), second.leave(b));
        assertEquals(List.of(a, c), second.roomOf(c).orElseThrow().members());
        first.remoteLeft("r", b);
        assertTrue(first.isLocalMember(a, "r"));
        assertEquals(1, first.occupancy().peers(), "node one's share");
    }

    @Test
    void aDeadNodesPeersAreRemovedOnceFromTheirRoomsAndTheDirectory() throws Exception {
        Backplane dying = nodes.node(60_000);
        RedisRoomRegistry survivor = new RedisRoomRegistry(one, 2, Integer.MAX_VALUE);
        RedisRoomRegistry doomed = new RedisRoomRegistry(dying, 2, Integer.MAX_VALUE);
        RedisDirectory doomedNames = new RedisDirectory(dying, 100);
        String a = peer("a", one);
        String b = peer("b", dying);
        survivor.create("r", a);
        doomed.join("r", b);
        doomedNames.login(b, "Bob");
        assertEquals(List.of(), one.run(Script.DEAD_NODES), "no dead node yet");

        redis.command("DEL", "switchboard:node:" + dying.node()); // its liveness record expired
        assertEquals(List.of(dying.node()), one.run(Script.DEAD_NODES));
        List<Object> evicted = one.run(Script.EVICT, dying.node());
        assertEquals(List.of(List.of("r", b, List.of(a))), evicted.get(0), "departures");
        assertEquals(List.of(List.of(b, "Bob")), evicted.get(1), "went offline");
        assertEquals(List.of(List.of(), List.of()), two.run(Script.EVICT, dying.node()), "only one reaper gets them");
        assertEquals(Optional.of(new Room("r", List.of(a))), survivor.roomOf(b).or(() -> survivor.roomOf(a)));
        assertTrue(new RedisDirectory(one, 100).find("bob").isEmpty(), "the name is free");
        assertInstanceOf(JoinOutcome.Joined.class, survivor.join("r", peer("c", one)), "the place is free");
        // A node taken for dead cannot add members under its old id: it must rejoin as a new one.
        assertThrows(BackendUnavailableException.class, () -> doomed.join("r2", peer("d", dying)));
    }

    @Test
    void aNameBelongsToOnePeerAcrossNodesWhateverTheRace() throws Exception {
        RedisDirectory first = new RedisDirectory(one, 10_000);
        RedisDirectory second = new RedisDirectory(two, 10_000);
        for (int race = 0; race < RACES / 4; race++) {
            String name = "Name" + race;
            String a = peer("a" + race, one);
            String b = peer("b" + race, two);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<LoginOutcome> fromOne = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return first.login(a, name);
            });
            Future<LoginOutcome> fromTwo = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return second.login(b, name.toLowerCase());
            });
            List<LoginOutcome> outcomes = List.of(fromOne.get(10, TimeUnit.SECONDS), fromTwo.get(10, TimeUnit.SECONDS));
            assertEquals(1, outcomes.stream().filter(LoginOutcome.LoggedIn.class::isInstance).count(), "race " + race);
            assertEquals(1, outcomes.stream().filter(LoginOutcome.NameTaken.class::isInstance).count(), "race " + race);
        }
        assertEquals(String.valueOf(RACES / 4), redis.command("HLEN", "switchboard:online"));
    }

    @Test
    void presenceAcrossNodesListsEveryoneAtTheInstantOfTheLogin() {
        RedisDirectory first = new RedisDirectory(one, 2);
        RedisDirectory second = new RedisDirectory(two, 2);
        String a = peer("a", one);
        String b = peer("b", two);
        assertEquals(new LoginOutcome.LoggedIn(new OnlinePeer(a, "Alice"), List.of(new OnlinePeer(a, "Alice"))),
                first.login(a, "Alice"));
        LoginOutcome bob = second.login(b, "Bob");
        assertEquals(2, assertInstanceOf(LoginOutcome.LoggedIn.class, bob).everyone().size());
        assertEquals(new LoginOutcome.DirectoryFull(), second.login(peer("c", two), "Carol"), "the bound is cluster-wide");
        assertEquals(Optional.of(new OnlinePeer(b, "Bob")), first.find("BOB"), "a name on another node, ignoring case");
        assertEquals(Optional.of(new OnlinePeer(b, "Bob")), first.entryOf(b));
        assertEquals(Optional.of(new OnlinePeer(b, "Bob")), second.logout(b));
        assertTrue(first.find("Bob").isEmpty());
        assertEquals(List.of(new OnlinePeer(a, "Alice")), second.online());
        assertEquals(1, first.count());
    }

    @Test
    void questionsAboutANodesOwnPeersAreAnsweredWithoutRedis() throws Exception {
        RedisRoomRegistry rooms = new RedisRoomRegistry(one, 2, Integer.MAX_VALUE);
        RedisDirectory names = new RedisDirectory(one, 100);
        String a = peer("a", one);
        String b = peer("b", one);
        rooms.create("r", a);
        rooms.join("r", b);
        names.login(b, "Bob");
        redis.stop();
        try {
            assertEquals(Optional.of(new Room("r", List.of(a, b))), rooms.roomOf(a), "what a relay reads");
            assertEquals(Optional.of(new OnlinePeer(b, "Bob")), names.find("bob"), "a local peer by name");
            assertEquals(Optional.of(new OnlinePeer(b, "Bob")), names.find(b), "a local peer by id");
            assertEquals(Optional.of(new OnlinePeer(b, "Bob")), names.entryOf(b));
            assertTrue(names.entryOf(a).isEmpty());
            assertTrue(rooms.leave(peer("nobody", one)).isEmpty(), "a local peer in no room");
            assertThrows(BackendUnavailableException.class, () -> rooms.join("r2", peer("c", one)));
            assertThrows(BackendUnavailableException.class, () -> names.find("somebody else"));
        } finally {
            redis.restart();
        }
    }

    @Test
    void afterAFailureANodeAndRedisAgreeAgainOnItsPeers() throws Exception {
        RedisRoomRegistry rooms = new RedisRoomRegistry(one, 3, Integer.MAX_VALUE);
        RedisDirectory names = new RedisDirectory(one, 100);
        String remote = peer("remote", two);
        String stays = peer("stays", one);
        String closed = peer("closed", one);
        String leftUnseen = peer("unseen", one);
        String joinedUnseen = peer("lost", one);
        new RedisRoomRegistry(two, 3, Integer.MAX_VALUE).create("r", remote);
        rooms.join("r", stays);
        rooms.join("r", closed);
        rooms.create("s", leftUnseen);
        names.login(stays, "Stays");
        names.login(closed, "Closed");
        // Commands that timed out on this node but ran in Redis all the same:
        one.run(Script.LEAVE, leftUnseen, one.node());
        one.run(Script.ENTER, "create-or-join", "t", joinedUnseen, one.node(), "3", "100");
        one.run(Script.LOGIN, joinedUnseen, one.node(), "Lost", "lost", "100");
        Set<String> connected = Set.of(stays, joinedUnseen);

        List<Object> mine = one.run(Script.MINE, one.node());
        List<RedisRoomRegistry.Removal> removals = rooms.reconcile(RedisRoomRegistry.pairs(mine.get(0)), connected::contains);
        List<OnlinePeer> offline = names.reconcile(RedisRoomRegistry.pairs(mine.get(1)).keySet(), connected::contains);

        assertEquals(Set.of(new RedisRoomRegistry.Removal(closed, new Departure("r", List.of(remote, stays)), true),
                        new RedisRoomRegistry.Removal(leftUnseen, new Departure("s", List.of()), true),
                        new RedisRoomRegistry.Removal(joinedUnseen, new Departure("t", List.of()), false)),
                Set.copyOf(removals), "closed connections are announced, a join nobody heard of is not");
        assertEquals(List.of(new OnlinePeer(closed, "Closed")), offline);
        assertEquals(remote + "\n" + stays, redis.command("LRANGE", "switchboard:room:r", "0", "-1"));
        assertEquals("r", redis.command("SMEMBERS", "switchboard:rooms"), "rooms s and t are gone");
        assertEquals(Set.of(stays), Set.copyOf(List.of(redis.command("HKEYS", "switchboard:online").split("\n"))));
        assertEquals(null, redis.command("HGET", "switchboard:names", "lost"), "the unseen login's name is free");
        assertEquals(Optional.of(new Room("r", List.of(remote, stays))), rooms.roomOf(stays));
    }
}
