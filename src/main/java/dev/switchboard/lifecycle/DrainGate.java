package dev.switchboard.lifecycle;

import dev.switchboard.Unproxied;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Whether this server still takes new connections and still acts on messages. Both only ever go from yes
 * to no, when the server drains for shutdown. Opening a connection and handling a message happen inside
 * the gate, and {@link #refuseMessages} waits for those in progress: so a message is either handled
 * completely (its relays queued in the receivers' outboxes) before the drain flushes and closes the
 * outboxes, or refused, never half-handled while they close. The same holds for a connection being opened.
 */
@Unproxied
public class DrainGate {

    /** Shared by the openings and messages in progress; taken exclusively only to shut the gate. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean connectionsTaken = true;
    private volatile boolean messagesTaken = true;

    /** Runs {@code admitted} while new connections are taken, else {@code refused}. */
    public void connection(Runnable admitted, Runnable refused) {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            if (connectionsTaken && messagesTaken) {
                admitted.run();
            } else {
                refused.run();
            }
        } finally {
            shared.unlock();
        }
    }

    /** Runs {@code admitted} while messages are acted on, else {@code refused}. */
    public void message(Runnable admitted, Runnable refused) {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            if (messagesTaken) {
                admitted.run();
            } else {
                refused.run();
            }
        } finally {
            shared.unlock();
        }
    }

    /** New connections are refused from now on; the open ones carry on. */
    public void refuseConnections() {
        connectionsTaken = false;
    }

    /**
     * Connections and messages are refused from now on. Returns once the openings and messages in progress
     * are done, true; or false if they took longer than {@code timeout} (they are refused all the same).
     */
    public boolean refuseMessages(Duration timeout) {
        connectionsTaken = false;
        Lock exclusive = gate.writeLock();
        boolean quiet;
        try {
            quiet = exclusive.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quiet = false;
        }
        messagesTaken = false;
        if (quiet) {
            exclusive.unlock();
        }
        return quiet;
    }

    public boolean takesConnections() {
        return connectionsTaken;
    }

    public boolean takesMessages() {
        return messagesTaken;
    }
}
