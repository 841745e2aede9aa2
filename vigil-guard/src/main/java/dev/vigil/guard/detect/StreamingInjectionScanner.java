package dev.vigil.guard.detect;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Injection signatures in one request body read chunk by chunk, for bodies too large to hold, with
 * the same reach as {@link InjectionDetector#inspectBody} on held bodies: the string values (not
 * keys) of JSON, with their escapes decoded; the fields of a form; text and XML as a whole. Every
 * value is checked in segments of at most {@link #SEGMENT} bytes; a value longer than that is cut
 * into segments that each start with the last {@link #CARRY} bytes of the one before, so a
 * signature split across chunk or segment boundaries is still seen whole. Memory per body is one
 * segment, whatever the body's size. Not thread-safe: one per body.
 */
public final class StreamingInjectionScanner {
    static final int SEGMENT = 16 * 1024;
    static final int CARRY = 1024;
    private static final int NO_DELIMITER = Integer.MIN_VALUE;

    private enum Kind {
        JSON,
        FORM,
        TEXT,
        NONE
    }

    private final Kind kind;
    private final byte[] segment;
    private int length;
    // JSON string state, kept across chunks.
    private boolean inString;
    private boolean escape;
    private int unicodeDigits = -1;
    private int unicode;
    private boolean pendingValue;

    /** A scanner for a body of {@code contentType} (may be null). */
    public StreamingInjectionScanner(String contentType) {
        String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (media.contains("json")) {
            kind = Kind.JSON;
        } else if (media.startsWith("application/x-www-form-urlencoded")) {
            kind = Kind.FORM;
        } else if (media.startsWith("text/") || media.contains("xml")) {
            kind = Kind.TEXT;
        } else {
            kind = Kind.NONE;
        }
        this.segment = kind == Kind.NONE ? new byte[0] : new byte[SEGMENT];
    }

    /** Whether this body's media type is inspected at all. */
    public boolean inspects() {
        return kind != Kind.NONE;
    }

    /** The next bytes of the body; the first finding, or null. */
    public Detection feed(byte[] bytes, int offset, int len) {
        return switch (kind) {
            case NONE -> null;
            case JSON -> json(bytes, offset, len);
            case FORM -> segments(bytes, offset, len, '&');
            case TEXT -> segments(bytes, offset, len, NO_DELIMITER);
        };
    }

    /** The body ended; a finding in what was still buffered, or null. */
    public Detection end() {
        if (kind == Kind.NONE || length == 0 || (kind == Kind.JSON && !pendingValue && !inString)) {
            return null;
        }
        Detection d = scan(segment, length);
        length = 0;
        return d;
    }

    /**
     * Collects JSON string contents byte by byte. A closed string stays pending until the next
     * non-blank byte shows whether it was a key (followed by {@code :}, dropped) or a value.
     */
    private Detection json(byte[] bytes, int offset, int len) {
        int end = offset + len;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (pendingValue) {
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    continue;
                }
                pendingValue = false;
                if (b != ':') {
                    Detection d = scan(segment, length);
                    if (d != null) {
                        return d;
                    }
                }
                length = 0;
            }
            if (!inString) {
                if (b == '"') {
                    inString = true;
                    length = 0;
                }
                continue;
            }
            if (unicodeDigits >= 0) {
                int h = Character.digit(b, 16);
                unicode = unicode * 16 + Math.max(h, 0);
                if (++unicodeDigits == 4) {
                    unicodeDigits = -1;
                    Detection d = append((byte) (unicode < 0x100 ? unicode : '?'));
                    if (d != null) {
                        return d;
                    }
                }
                continue;
            }
            if (escape) {
                escape = false;
                byte decoded =
                        switch (b) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case 'u' -> 0;
                            default -> b;
                        };
                if (b == 'u') {
                    unicodeDigits = 0;
                    unicode = 0;
                    continue;
                }
                Detection d = append(decoded);
                if (d != null) {
                    return d;
                }
                continue;
            }
            if (b == '\\') {
                escape = true;
            } else if (b == '"') {
                inString = false;
                pendingValue = true;
            } else {
                Detection d = append(b);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private Detection append(byte b) {
        if (length == segment.length) {
            // A long value: check what is here, keep the tail so a signature cut here is seen whole.
            Detection d = scan(segment, length);
            if (d != null) {
                return d;
            }
            System.arraycopy(segment, length - CARRY, segment, 0, CARRY);
            length = CARRY;
        }
        segment[length++] = b;
        return null;
    }

    private Detection segments(byte[] bytes, int offset, int len, int delimiter) {
        int end = offset + len;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == delimiter) {
                Detection d = scan(segment, length);
                length = 0;
                if (d != null) {
                    return d;
                }
                continue;
            }
            if (length == segment.length) {
                Detection d = scan(segment, length);
                if (d != null) {
                    return d;
                }
                // Keep the tail, so a signature cut at this boundary is whole in the next segment.
                System.arraycopy(segment, length - CARRY, segment, 0, CARRY);
                length = CARRY;
            }
            segment[length++] = b;
        }
        return null;
    }

    private Detection scan(byte[] buffer, int len) {
        if (len == 0) {
            return null;
        }
        if (kind == Kind.FORM) {
            String pair = new String(buffer, 0, len, StandardCharsets.ISO_8859_1);
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            return match(
                    "body:" + Redaction.excerpt(Decoding.percentDecode(name, true)), Decoding.fully(value, true), true);
        }
        // ISO-8859-1 keeps every byte as one char, so a multi-byte character cut at a boundary
        // cannot hide the ASCII syntax the signatures look for.
        String text = new String(buffer, 0, len, StandardCharsets.ISO_8859_1);
        return kind == Kind.JSON ? match("body:json", text, true) : match("body", text, false);
    }

    private static Detection match(String location, String value, boolean ssrf) {
        InjectionSignatures.Match m = InjectionSignatures.scan(value, ssrf);
        return m == null ? null : new Detection.Injection(m.kind(), location, m.rule(), m.excerpt());
    }
}
