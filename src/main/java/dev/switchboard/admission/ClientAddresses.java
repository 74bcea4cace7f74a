package dev.switchboard.admission;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Which address a handshake comes from. Directly connected, that is the TCP peer. Behind {@code trustedHops}
 * reverse proxies (an OpenShift router is one) every connection comes from a proxy, and the client is the
 * address the outermost trusted proxy appended to {@code X-Forwarded-For}: the entry {@code trustedHops}
 * from the right. Entries further left were written by the client and prove nothing, so they are never used.
 */
public final class ClientAddresses {

    private final int trustedHops;

    public ClientAddresses(int trustedHops) {
        if (trustedHops < 0) {
            throw new IllegalArgumentException("trusted proxy hops cannot be negative, was " + trustedHops);
        }
        this.trustedHops = trustedHops;
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /**
     * @param remoteAddress the TCP peer
     * @param forwardedFor the values of every X-Forwarded-For header, in order
     */
    public String of(String remoteAddress, List<String> forwardedFor) {
        if (trustedHops == 0) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> Arrays.stream(header.split(","))
                .map(String::trim).filter(hop -> !hop.isEmpty()).forEach(hops::add));
        // Fewer entries than trusted proxies: the request did not come through all of them.
        return hops.size() >= trustedHops ? hops.get(hops.size() - trustedHops) : remoteAddress;
    }
}
