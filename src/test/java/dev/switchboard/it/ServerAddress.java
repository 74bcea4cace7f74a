package dev.switchboard.it;

import java.net.URI;

/** Where a server under test answers: HTTP and WebSocket URIs of its paths, and of its /health and /metrics. */
public interface ServerAddress {

    URI httpUri(String path);

    /** Where {@code /health} and {@code /metrics} answer: Liberty's management port, Payara Micro's one port. */
    URI managementUri(String path);

    URI webSocketUri(String path);
}
