package dev.switchboard.resume;

import dev.switchboard.Unproxied;
import dev.switchboard.connection.Connection;

/**
 * Resuming on another node. On a cluster a peer may come back on any node, while its session (its room, its
 * login, what was held for it) stays on the node that held it, its <em>home</em>: the connection it comes
 * back on becomes a <em>relay</em>, which carries frames between the client and the home node, and the home
 * node reaches the client through it. Moving the session instead would let a message sent to the peer before
 * the move overtake one sent after it.
 *
 * <p>This class is the single node's: there is no other node, so nothing is relayed. The cluster package
 * replaces it where it is deployed.
 */
@Unproxied
public class Relays {

    /**
     * {@code connection} presents resume token {@code token} (and access token {@code accessToken}, or null),
     * which this node does not know. Returns whether the token is another node's: a request has then gone
     * there, and either the peer's {@code resumed} reaches the connection through it, or
     * {@code refused} runs (on any thread) when that node refuses or does not answer.
     */
    public boolean request(Connection connection, String token, String accessToken, Runnable refused) {
        return false;
    }

    /** Whether {@code connection} is a relay: then {@code frame} has gone to the peer's home node. */
    public boolean forward(Connection connection, String frame) {
        return false;
    }

    /** Whether {@code connection} is a relay: then that it is alive has gone to the peer's home node. */
    public boolean heard(Connection connection) {
        return false;
    }

    /**
     * {@code connection} has ended. Returns whether it was a relay: its peer's home node has been told, and
     * nothing more is to be done for it here than to forget it.
     */
    public boolean ended(Connection connection, Connection.End end) {
        return false;
    }
}
