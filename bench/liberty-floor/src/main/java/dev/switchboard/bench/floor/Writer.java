package dev.switchboard.bench.floor;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A connection's one writer: the container allows one write in flight per session. {@code FLOOR_SEND=async}
 * (the default) queues and never blocks the sender, as Node's {@code ws} does; {@code FLOOR_SEND=basic}
 * writes on the calling thread with the blocking remote, which costs Liberty no thread hand-off but blocks
 * the sender for as long as the receiver does not read: the least Liberty's WebSocket can cost, not a
 * design a server could ship.
 */
abstract class Writer {

    private static final boolean BASIC = "basic".equals(System.getenv("FLOOR_SEND"));

    static Writer of(Session session) {
        return BASIC ? new Basic(session.getBasicRemote()) : new Async(session.getAsyncRemote());
    }

    abstract void send(String frame);

    private static final class Basic extends Writer {
        private final RemoteEndpoint.Basic remote;

        Basic(RemoteEndpoint.Basic remote) {
            this.remote = remote;
        }

        @Override
        synchronized void send(String frame) {
            try {
                remote.sendText(frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Async extends Writer {
        private final RemoteEndpoint.Async remote;
        private final Queue<String> queue = new ArrayDeque<>();
        private boolean inFlight;

        Async(RemoteEndpoint.Async remote) {
            this.remote = remote;
        }

        @Override
        void send(String frame) {
            synchronized (this) {
                if (inFlight) {
                    queue.add(frame);
                    return;
                }
                inFlight = true;
            }
            write(frame);
        }

        private void write(String frame) {
            remote.sendText(frame, result -> {
                String next;
                synchronized (this) {
                    next = result.isOK() ? queue.poll() : null;
                    inFlight = next != null;
                    if (!result.isOK()) {
                        queue.clear();
                    }
                }
                if (next != null) {
                    write(next);
                }
            });
        }
    }
}
