package dev.switchboard.protocol;

/** A frame the server sends. */
public sealed interface ServerMessage
        permits Welcome, Created, Joined, Full, Empty, PeerJoined, PeerLeft, ErrorMessage, RelayedSignal, Login, Presence,
        PeerOnline, PeerOffline, Personal, IceServers, Auth, PeerAway, PeerBack, Resumed {
}
