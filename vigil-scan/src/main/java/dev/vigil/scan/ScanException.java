package dev.vigil.scan;

/**
 * Root of the scanner's unchecked exceptions. Subclasses are sorted by what the caller should do:
 * fix the input ({@code IdentitiesException}, {@code CatalogException}, {@code TargetException}) or
 * retry/abort the run ({@code TransportException}). Messages never carry secret values.
 */
public class ScanException extends RuntimeException {
    public ScanException(String message) {
        super(message);
    }

    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
