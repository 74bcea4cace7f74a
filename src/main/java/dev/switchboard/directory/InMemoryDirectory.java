package dev.switchboard.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-node directory. A login claims its name with one {@code putIfAbsent} on the name index, so
 * of two peers racing for a name exactly one wins; the peer index is written after the claim, and a
 * logout clears the peer index first, so a name is never released while its peer still holds it.
 */
public final class InMemoryDirectory implements Directory {

    private final int maxOnline;
    private final AtomicInteger listed = new AtomicInteger();
    private final Map<String, OnlinePeer> byPeer = new ConcurrentHashMap<>();
    private final Map<String, OnlinePeer> byNameKey = new ConcurrentHashMap<>();

    public InMemoryDirectory(int maxOnline) {
        if (maxOnline < 1) {
            throw new IllegalArgumentException("the directory must hold at least one peer, not " + maxOnline);
        }
        this.maxOnline = maxOnline;
    }

    @Override
    public LoginOutcome login(String peer, String name) {
        OnlinePeer current = byPeer.get(peer);
        if (current != null) {
            return new LoginOutcome.AlreadyLoggedIn(current.name());
        }
        if (listed.incrementAndGet() > maxOnline) {
            listed.decrementAndGet();
            return new LoginOutcome.DirectoryFull();
        }
        OnlinePeer entry = new OnlinePeer(peer, name);
        if (byNameKey.putIfAbsent(DisplayName.key(name), entry) != null) {
            listed.decrementAndGet();
            return new LoginOutcome.NameTaken();
        }
        OnlinePeer raced = byPeer.putIfAbsent(peer, entry);
        if (raced != null) { // the same peer logged in twice at once under two names: keep the first
            byNameKey.remove(DisplayName.key(name), entry);
            listed.decrementAndGet();
            return new LoginOutcome.AlreadyLoggedIn(raced.name());
        }
        return new LoginOutcome.LoggedIn(entry);
    }

    @Override
    public Optional<OnlinePeer> logout(String peer) {
        OnlinePeer entry = byPeer.remove(peer);
        if (entry == null) {
            return Optional.empty();
        }
        byNameKey.remove(DisplayName.key(entry.name()), entry);
        listed.decrementAndGet();
        return Optional.of(entry);
    }

    @Override
    public Optional<OnlinePeer> find(String peerIdOrName) {
        if (peerIdOrName == null) {
            return Optional.empty();
        }
        OnlinePeer byId = byPeer.get(peerIdOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return DisplayName.normalize(peerIdOrName)
                .map(name -> byNameKey.get(DisplayName.key(name)))
                .filter(entry -> byPeer.get(entry.peerId()) == entry);
    }

    @Override
    public Optional<OnlinePeer> entryOf(String peer) {
        return Optional.ofNullable(byPeer.get(peer));
    }

    @Override
    public List<OnlinePeer> online() {
        return List.copyOf(byPeer.values());
    }

    @Override
    public int count() {
        return byPeer.size();
    }
}
