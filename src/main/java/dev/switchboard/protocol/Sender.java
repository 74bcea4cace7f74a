package dev.switchboard.protocol;

/** Who sent a direct message, as the server stamps it: peer id, logged-in name, server time (epoch ms). */
public record Sender(String peerId, String name, long timestamp) {
}
