package dev.switchboard.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * For development only: {@code GET /dev/token} mints an HS256 access token with the server's own secret, so
 * that the demo pages work with {@code switchboard.auth.mode=token}. Anyone who can reach it gets any grant
 * they ask for: it answers 404 unless {@code switchboard.auth.dev-tokens=true}, and it is never for
 * production. Parameters: {@code sub} (random by default), {@code name}, {@code rooms} (comma-separated,
 * {@code *} by default), {@code create} and {@code directory} ({@code true} by default), {@code ttl} (seconds,
 * 600 by default, at most 86400).
 */
@WebServlet("/dev/token")
public class DevelopmentTokens extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DevelopmentTokens.class.getName());
    private static final long MAX_TTL_SECONDS = 86_400;

    private byte[] secret;

    @Inject
    void configure(@ConfigProperty(name = "switchboard.auth.dev-tokens", defaultValue = "false") boolean enabled,
                   @ConfigProperty(name = "switchboard.auth.jwt.secret") Optional<String> configuredSecret) {
        if (enabled && configuredSecret.isPresent()) {
            secret = configuredSecret.get().getBytes(StandardCharsets.UTF_8);
            LOG.warning("switchboard.auth.dev-tokens is on: anyone who reaches /dev/token can mint any access token."
                    + " Never turn it on in production.");
        } else if (enabled) {
            LOG.warning("switchboard.auth.dev-tokens needs switchboard.auth.jwt.secret: /dev/token stays off");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (secret == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        long ttl;
        try {
            ttl = Math.min(MAX_TTL_SECONDS, Math.max(1, Long.parseLong(parameter(request, "ttl", "600"))));
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "ttl must be a number of seconds");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(parameter(request, "sub", "dev-" + UUID.randomUUID()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttl)))
                .claim("grants", Map.of(
                        "rooms", rooms(parameter(request, "rooms", "*")),
                        "create", Boolean.parseBoolean(parameter(request, "create", "true")),
                        "directory", Boolean.parseBoolean(parameter(request, "directory", "true"))));
        String name = request.getParameter("name");
        if (name != null && !name.isBlank()) {
            claims.claim("name", name);
        }
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(sign(claims.build()));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) { // a secret under 32 bytes: AccessControl refuses to start with one
            throw new IllegalStateException("cannot sign with switchboard.auth.jwt.secret", e);
        }
    }

    private static List<String> rooms(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(room -> !room.isEmpty()).toList();
    }

    private static String parameter(HttpServletRequest request, String name, String fallback) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
