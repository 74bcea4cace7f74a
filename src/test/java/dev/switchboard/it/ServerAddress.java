package dev.switchboard.it;

import java.net.URI;

/** Where a server under test answers: HTTP and WebSocket URIs of its paths. */
public interface ServerAddress {

    URI httpUri(String path);

    URI webSocketUri(String path);
}
