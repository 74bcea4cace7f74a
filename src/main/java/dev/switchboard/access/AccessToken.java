package dev.switchboard.access;

import java.time.Instant;

/**
 * A verified access token: the user it was issued for ({@code sub}), the only name that user may log in
 * with (null when the token names none), when it stops admitting new entries, and what it grants.
 */
public record AccessToken(String subject, String name, Instant expiresAt, Grants grants) {
}
