package dev.vigil.store;

/**
 * The store could not do what was asked: the database is unreachable, misconfigured, its data
 * directory unusable, or a statement failed. Messages name what failed and where, never a password
 * or a stored value; the cause is chained for the details.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
