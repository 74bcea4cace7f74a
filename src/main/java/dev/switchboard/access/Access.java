package dev.switchboard.access;

import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Join;
import dev.switchboard.protocol.Login;
import dev.switchboard.protocol.Personal;
import java.time.InstantSource;

/**
 * What one connection may do: everything (access control off), or what its token grants. The token can be
 * replaced by a fresh one of the same user ({@code auth}); an expired token ends nothing already entered,
 * but no new room entry or login is made with it.
 *
 * <p>Only used in the connection's turn (one message at a time), apart from {@link #token()}, which any
 * thread may read.
 */
public final class Access {

    private static final Access UNRESTRICTED = new Access(null, false);
    private static final Access DENIED = new Access(null, true);

    private final boolean denied;
    private volatile AccessToken token;

    private Access(AccessToken token, boolean denied) {
        this.token = token;
        this.denied = denied;
    }

    /** Access control is off: every message is acted on. */
    public static Access unrestricted() {
        return UNRESTRICTED;
    }

    public static Access of(AccessToken token) {
        return new Access(token, false);
    }

    /** Access control is on and the connection has no valid token: it is closed before its welcome. */
    public static Access denied() {
        return DENIED;
    }

    public boolean isDenied() {
        return denied;
    }

    /** The token in force; null when access control is off. */
    public AccessToken token() {
        return token;
    }

    /** Replaces the token with {@code fresh}; false (and nothing changed) if it is another user's. */
    public boolean renew(AccessToken fresh) {
        if (token == null || !token.subject().equals(fresh.subject())) { // off, denied, or another user
            return false;
        }
        token = fresh;
        return true;
    }

    /**
     * Whether {@code other} is the same user's: both without tokens (access control off), or both with
     * tokens of the same subject. A resume must come from the user whose session it resumes.
     */
    public boolean sameUser(Access other) {
        if (denied || other.denied) {
            return false;
        }
        AccessToken mine = token;
        AccessToken theirs = other.token;
        return mine == null ? theirs == null : theirs != null && mine.subject().equals(theirs.subject());
    }

    /** Whether {@code peer} may enter {@code room} at once, as {@code /rooms/{room}} does (a create-or-join). */
    public AccessDecision enterOnConnect(String room, InstantSource clock) {
        return decide(new CreateOrJoin(room, null), clock);
    }

    /**
     * What the grants make of {@code message}, as of {@code clock}'s time, which is read only where a token
     * is in force: with access control off, the relay path pays for no clock.
     */
    public AccessDecision decide(ClientMessage message, InstantSource clock) {
        AccessToken current = token;
        if (denied) {
            return forbidden("no valid access token");
        }
        if (current == null) {
            return new AccessDecision.Allowed(message);
        }
        Grants grants = current.grants();
        boolean expired = !clock.instant().isBefore(current.expiresAt());
        if (message instanceof Create create) {
            return expired ? expired() : !grants.allowsRoom(create.room()) ? roomNotGranted()
                    : !grants.create() ? forbidden("your token does not allow creating rooms")
                    : allowed(message);
        }
        if (message instanceof Join join) {
            return expired ? expired() : grants.allowsRoom(join.room()) ? allowed(message) : roomNotGranted();
        }
        if (message instanceof CreateOrJoin createOrJoin) {
            return expired ? expired() : !grants.allowsRoom(createOrJoin.room()) ? roomNotGranted()
                    : grants.create() ? allowed(message) : allowed(new Join(createOrJoin.room(), createOrJoin.id()));
        }
        if (message instanceof Login login) {
            return expired ? expired() : !grants.directory() ? directoryNotGranted() : login(login, current.name());
        }
        if (message instanceof Personal) {
            return grants.directory() ? allowed(message) : directoryNotGranted();
        }
        return allowed(message); // signals, leave, logout: within what was already entered
    }

    /** A token that names its user logs in under that name only; the login then needs no name. */
    private static AccessDecision login(Login login, String granted) {
        if (granted == null) {
            return allowed(login);
        }
        if (login.name() == null) {
            return allowed(new Login(granted, login.ok(), login.peerId(), login.id(), login.ref()));
        }
        return login.name().equals(granted) ? allowed(login) : forbidden("your token allows only the name it gives");
    }

    private static AccessDecision allowed(ClientMessage message) {
        return new AccessDecision.Allowed(message);
    }

    private static AccessDecision forbidden(String why) {
        return new AccessDecision.Refused(ErrorCode.FORBIDDEN, why);
    }

    private static AccessDecision roomNotGranted() {
        return forbidden("your token does not grant this room");
    }

    private static AccessDecision directoryNotGranted() {
        return forbidden("your token does not grant the directory");
    }

    private static AccessDecision expired() {
        return new AccessDecision.Refused(ErrorCode.TOKEN_EXPIRED,
                "your token has expired: send {\"type\":\"auth\",\"token\":...} with a fresh one");
    }
}
