package dev.switchboard.admission;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Verification;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks the Origin of every WebSocket handshake on the signaling endpoints before the upgrade: a
 * refused origin gets HTTP 403 and no session. A filter rather than {@code Configurator.checkOrigin},
 * because the same-origin rule needs the Host header, which {@code checkOrigin} does not see.
 * It also hands the session the client's address (see {@link AddressedRequest}), for the per-address limit.
 *
 * <p>With access control on ({@code switchboard.auth.mode=token}), it also requires a valid access token,
 * from the {@code access_token} query parameter or an {@code Authorization: Bearer} header: without one the
 * handshake gets HTTP 401 and no session. Why is logged here and counted; the client hears one short word.
 */
@WebFilter(urlPatterns = {"/signal", "/rooms/*"})
public class HandshakeFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    /** Local development pages, on any port. */
    static final String DEFAULT_ALLOWED = "http://localhost:*,https://localhost:*,http://127.0.0.1:*,"
            + "https://127.0.0.1:*,http://[::1]:*,https://[::1]:*";

    private static final String BEARER = "Bearer ";

    private OriginPolicy policy;
    private ClientAddresses addresses;

    @Inject
    SignalingMetrics metrics;

    @Inject
    AccessControl access;

    @Inject
    void configure(
            @ConfigProperty(name = "switchboard.allowed-origins", defaultValue = DEFAULT_ALLOWED) String allowedOrigins,
            @ConfigProperty(name = "switchboard.origin.allow-missing", defaultValue = "true") boolean allowMissing,
            @ConfigProperty(name = "switchboard.proxy.trusted-hops", defaultValue = "0") int trustedHops) {
        List<String> allowed = Arrays.asList(allowedOrigins.split(","));
        policy = new OriginPolicy(allowed, allowMissing);
        addresses = new ClientAddresses(trustedHops);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!policy.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            // The origin is attacker-chosen text: logged escaped and shortened, never as given.
            LOG.fine(() -> "refused a WebSocket handshake from origin " + Escape.forLog(request.getHeader("Origin")));
            metrics.connectionRejected(ConnectionRejection.ORIGIN);
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
            return;
        }
        String token = null;
        if (access.required()) {
            token = token(request);
            if (access.verify(token) instanceof Verification.Refused refused) {
                String address = addresses.of(request);
                LOG.info(() -> "refused a WebSocket handshake from " + Escape.forLog(address) + ": access token "
                        + refused.reason().tag() + " (" + Escape.forLog(refused.detail()) + ")");
                metrics.tokenRefused(refused.reason());
                metrics.connectionRejected(ConnectionRejection.UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\", error=\"invalid_token\"");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "access token " + refused.reason().tag());
                return;
            }
        }
        chain.doFilter(new AddressedRequest(request, addresses.of(request), token), response);
    }

    /** The bearer token of the Authorization header, or else the access_token query parameter; null if neither. */
    private static String token(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return request.getParameter(AddressedRequest.TOKEN_PARAMETER);
    }
}
