package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * Every frame of protocol v1 is one JSON object whose {@code type} field names its record here.
 * Each record implements this root directly: JSON-B refuses type information that reaches a class by two
 * paths, and the relayed {@link Signal}s are both client and server messages.
 */
@JsonbTypeInfo(key = "type", value = {
        // client -> server
        @JsonbSubtype(alias = "create", type = Create.class),
        @JsonbSubtype(alias = "join", type = Join.class),
        @JsonbSubtype(alias = "create-or-join", type = CreateOrJoin.class),
        @JsonbSubtype(alias = "leave", type = Leave.class),
        // both ways: relayed between the members of a room
        @JsonbSubtype(alias = "offer", type = Offer.class),
        @JsonbSubtype(alias = "answer", type = Answer.class),
        @JsonbSubtype(alias = "candidate", type = Candidate.class),
        @JsonbSubtype(alias = "bye", type = Bye.class),
        // server -> client
        @JsonbSubtype(alias = "welcome", type = Welcome.class),
        @JsonbSubtype(alias = "created", type = Created.class),
        @JsonbSubtype(alias = "joined", type = Joined.class),
        @JsonbSubtype(alias = "full", type = Full.class),
        @JsonbSubtype(alias = "empty", type = Empty.class),
        @JsonbSubtype(alias = "peer-joined", type = PeerJoined.class),
        @JsonbSubtype(alias = "peer-left", type = PeerLeft.class),
        @JsonbSubtype(alias = "error", type = ErrorMessage.class)
})
public sealed interface Message permits Create, Join, CreateOrJoin, Leave, Offer, Answer, Candidate, Bye,
        Welcome, Created, Joined, Full, Empty, PeerJoined, PeerLeft, ErrorMessage {
}
