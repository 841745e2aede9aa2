package dev.vigil.guard;

/** The guard could not start (for example the port is taken). */
public final class GuardStartException extends RuntimeException {
    public GuardStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
