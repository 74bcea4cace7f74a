package dev.switchboard.room;

/**
 * The shared store behind a registry or directory (Redis, on a cluster) cannot be reached, or did not
 * answer in time: the request was not decided, or its outcome is unknown. Clients are told {@code unavailable}.
 * The in-memory implementations never throw it.
 */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendUnavailableException(String message) {
        super(message);
    }
}
