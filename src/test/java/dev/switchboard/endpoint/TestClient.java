package dev.switchboard.endpoint;

import dev.switchboard.connection.Close;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.FakeTransport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;

/** A client of a {@link TestServer}: sends as the container would deliver, reads what was written to it. */
public record TestClient(TestServer server, Connection connection, FakeTransport transport) {

    public String peer() {
        return connection.peer();
    }

    /** Delivers {@code frame} from this client, on the calling thread, as the container's message handler. */
    public void send(String frame) {
        server.lifecycle.received(connection, frame);
    }

    /** Every message written to this client so far, pings left out. */
    public List<JsonObject> received() {
        return transport.writtenSoFar().stream().filter(text -> !text.equals("PING")).map(TestClient::parse).toList();
    }

    /** The types of {@link #received()}, in order. */
    public List<String> types() {
        return received().stream().map(message -> message.getString("type")).toList();
    }

    /** How the server closed this connection, or null. */
    public Close closed() {
        return transport.closed();
    }

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
