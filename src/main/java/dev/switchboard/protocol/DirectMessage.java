package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

/** Free-form data for one logged-in peer; {@code body} is any JSON value and is relayed as sent. */
public record DirectMessage(@JsonbNillable JsonValue body, String to, String from, String fromName, Long ts, Object id)
        implements Personal, Message {

    @Override
    public DirectMessage direct(Sender sender) {
        return new DirectMessage(body, to, sender.peerId(), sender.name(), sender.timestamp(), id);
    }
}
