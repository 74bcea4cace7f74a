package dev.switchboard.cluster;

import dev.switchboard.directory.Directory;
import dev.switchboard.directory.DisplayName;
import dev.switchboard.directory.LoginOutcome;
import dev.switchboard.directory.OnlinePeer;
import dev.switchboard.room.BackendUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The directory shared by the nodes of a cluster: login and logout are Lua scripts (login.lua checks the
 * name, the bound and the peer in one atomic step, and returns everyone listed at that instant), so a name
 * belongs to at most one peer across all nodes. This node remembers its own logged-in peers, which answers
 * the frequent local questions (is this sender logged in?) without Redis.
 */
public final class RedisDirectory implements Directory {

    private final Backplane backplane;
    private final int maxOnline;
    private final Map<String, OnlinePeer> local = new ConcurrentHashMap<>();
    /** The same peers by name key: a message to a local peer by name needs no Redis either. */
    private final Map<String, OnlinePeer> localByName = new ConcurrentHashMap<>();
    /** Held from a login's script to its local entry, so that {@link #reconcile} never takes one in progress for lost. */
    private final Object logins = new Object();

    public RedisDirectory(Backplane backplane, int maxOnline) {
        if (maxOnline < 1) {
            throw new IllegalArgumentException("the directory must hold at least one peer, not " + maxOnline);
        }
        this.backplane = backplane;
        this.maxOnline = maxOnline;
    }

    @Override
    public LoginOutcome login(String peer, String name) {
        OnlinePeer current = local.get(peer);
        if (current != null) {
            return new LoginOutcome.AlreadyLoggedIn(current.name());
        }
        synchronized (logins) {
            return decide(peer, name);
        }
    }

    private LoginOutcome decide(String peer, String name) {
        List<Object> reply = backplane.run(Script.LOGIN, peer, backplane.node(), name, DisplayName.key(name),
                String.valueOf(maxOnline));
        String outcome = (String) reply.get(0);
        return switch (outcome) {
            case "logged-in" -> {
                OnlinePeer entry = new OnlinePeer(peer, name);
                local.put(peer, entry);
                localByName.put(DisplayName.key(name), entry);
                yield new LoginOutcome.LoggedIn(entry, entries(reply.get(1)));
            }
            case "already-logged-in" -> new LoginOutcome.AlreadyLoggedIn((String) reply.get(1));
            case "directory-full" -> new LoginOutcome.DirectoryFull();
            case "name-taken" -> new LoginOutcome.NameTaken();
            case "node-lost" -> throw new BackendUnavailableException("this node was removed from the cluster");
            default -> throw new IllegalStateException("unexpected reply from login.lua: " + outcome);
        };
    }

    @Override
    public Optional<OnlinePeer> logout(String peer) {
        if (!local.containsKey(peer)) {
            return Optional.empty(); // only a peer's own node logs it out, and this one never logged it in
        }
        List<Object> reply = backplane.run(Script.LOGOUT, peer, backplane.node());
        OnlinePeer entry = forget(peer);
        return reply.isEmpty() ? Optional.empty() : Optional.of(entry);
    }

    @Override
    public Optional<OnlinePeer> find(String peerIdOrName) {
        if (peerIdOrName == null) {
            return Optional.empty();
        }
        OnlinePeer here = local.get(peerIdOrName);
        if (here != null) {
            return Optional.of(here);
        }
        String nameKey = DisplayName.normalize(peerIdOrName).map(DisplayName::key).orElse("");
        OnlinePeer named = localByName.get(nameKey);
        if (named != null) { // no peer id can be read as a name: cluster ids are 34 characters, names 32 at most
            return Optional.of(named);
        }
        return entry(backplane.run(Script.FIND, peerIdOrName, nameKey));
    }

    @Override
    public Optional<OnlinePeer> entryOf(String peer) {
        OnlinePeer here = local.get(peer);
        if (here != null || backplane.node().equals(NodePeerIds.nodeOf(peer))) {
            return Optional.ofNullable(here);
        }
        return entry(backplane.run(Script.FIND, peer, ""));
    }

    @Override
    public List<OnlinePeer> online() {
        return entries(backplane.run(Script.ONLINE));
    }

    /** This node's logged-in peers: answered without Redis. */
    @Override
    public int count() {
        return local.size();
    }

    /**
     * After a Redis failure, makes Redis and this node agree on this node's logged-in peers, given the ones
     * Redis lists ({@code held}); returns those whom the others must hear went offline. As for rooms
     * ({@link RedisRoomRegistry#reconcile}): a peer logged in here whose connection is gone is logged out
     * in Redis if still listed there, and announced either way; a peer Redis lists that this node does not
     * know (a login that timed out here but ran there) is logged out, unannounced, as nobody saw it log in.
     */
    List<OnlinePeer> reconcile(Set<String> held, Predicate<String> connected) {
        List<OnlinePeer> offline = new ArrayList<>();
        Set<String> gone = Set.copyOf(local.keySet()).stream().filter(peer -> !connected.test(peer))
                .collect(Collectors.toSet());
        for (String peer : gone) {
            Optional<OnlinePeer> entry = held.contains(peer) ? logout(peer) : Optional.ofNullable(forget(peer));
            entry.ifPresent(offline::add);
        }
        synchronized (logins) {
            held.stream().filter(peer -> !gone.contains(peer) && !local.containsKey(peer))
                    .forEach(peer -> backplane.run(Script.LOGOUT, peer, backplane.node()));
        }
        return offline;
    }

    private OnlinePeer forget(String peer) {
        OnlinePeer entry = local.remove(peer);
        if (entry != null) {
            localByName.remove(DisplayName.key(entry.name()), entry);
        }
        return entry;
    }

    /** Forgets everything: Redis no longer holds it (the node was reaped, or Redis lost its data). */
    void resetLocal() {
        local.clear();
        localByName.clear();
    }

    private static Optional<OnlinePeer> entry(List<Object> reply) {
        return reply.isEmpty() ? Optional.empty() : Optional.of(new OnlinePeer((String) reply.get(0), (String) reply.get(1)));
    }

    /** {peer, name, peer, name...} as entries. */
    private static List<OnlinePeer> entries(Object reply) {
        List<String> flat = RedisRoomRegistry.strings(reply);
        List<OnlinePeer> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            entries.add(new OnlinePeer(flat.get(i), flat.get(i + 1)));
        }
        return entries;
    }
}
