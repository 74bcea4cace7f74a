package dev.switchboard.protocol;

import java.util.List;

/**
 * One entry of {@code iceServers}, in the W3C {@code RTCIceServer} form, so that a browser passes the list
 * straight to {@code new RTCPeerConnection({iceServers})}: STUN servers without credentials, TURN servers
 * with a short-lived {@code username} and {@code credential}.
 */
public record IceServer(List<String> urls, String username, String credential) {

    public IceServer {
        urls = List.copyOf(urls);
    }

    /** Servers that need no credential (STUN). */
    public static IceServer open(List<String> urls) {
        return new IceServer(urls, null, null);
    }
}
