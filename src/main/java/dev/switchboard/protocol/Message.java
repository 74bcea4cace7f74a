package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * Every frame of protocol v1 is one JSON object whose {@code type} field names its record here.
 * Each record implements this root directly: JSON-B refuses type information that reaches a class by two
 * paths, and some types ({@link Personal} messages, {@link Login}) travel both ways. Signals are not bound by
 * JSON-B at all: see {@link Signal} and {@link MessageCodec}.
 */
@JsonbTypeInfo(key = "type", value = {
        // client -> server
        @JsonbSubtype(alias = "create", type = Create.class),
        @JsonbSubtype(alias = "join", type = Join.class),
        @JsonbSubtype(alias = "create-or-join", type = CreateOrJoin.class),
        @JsonbSubtype(alias = "leave", type = Leave.class),
        @JsonbSubtype(alias = "logout", type = Logout.class),
        // both ways: the client's request and the server's reply
        @JsonbSubtype(alias = "login", type = Login.class),
        @JsonbSubtype(alias = "auth", type = Auth.class),
        // both ways: between logged-in peers, outside rooms
        @JsonbSubtype(alias = "message", type = DirectMessage.class),
        @JsonbSubtype(alias = "invite", type = Invite.class),
        @JsonbSubtype(alias = "decline", type = Decline.class),
        // server -> client
        @JsonbSubtype(alias = "welcome", type = Welcome.class),
        @JsonbSubtype(alias = "created", type = Created.class),
        @JsonbSubtype(alias = "joined", type = Joined.class),
        @JsonbSubtype(alias = "full", type = Full.class),
        @JsonbSubtype(alias = "empty", type = Empty.class),
        @JsonbSubtype(alias = "peer-joined", type = PeerJoined.class),
        @JsonbSubtype(alias = "peer-left", type = PeerLeft.class),
        @JsonbSubtype(alias = "peer-away", type = PeerAway.class),
        @JsonbSubtype(alias = "peer-back", type = PeerBack.class),
        @JsonbSubtype(alias = "resumed", type = Resumed.class),
        @JsonbSubtype(alias = "presence", type = Presence.class),
        @JsonbSubtype(alias = "peer-online", type = PeerOnline.class),
        @JsonbSubtype(alias = "peer-offline", type = PeerOffline.class),
        @JsonbSubtype(alias = "error", type = ErrorMessage.class),
        @JsonbSubtype(alias = "ice-servers", type = IceServers.class)
})
public sealed interface Message permits Create, Join, CreateOrJoin, Leave, Logout, Login, Auth, DirectMessage, Invite, Decline, Welcome, Created, Joined, Full, Empty, PeerJoined, PeerLeft, Presence,
        PeerOnline, PeerOffline, ErrorMessage, IceServers, PeerAway, PeerBack, Resumed {
}
