package dev.vigil.traffic;

/**
 * A captured record that cannot become an {@link Exchange}. The message is the reason, phrased so it
 * can be stored and shown: it names fields and problems, never captured values, which may be secrets.
 */
public final class InvalidExchangeException extends RuntimeException {
    public InvalidExchangeException(String reason) {
        super(reason);
    }

    public InvalidExchangeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
