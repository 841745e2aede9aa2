package dev.vigil.discovery;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Path segments as discovery and the guard compare them: percent-decoded, with {@code +} kept as
 * a plus (it means a space only in query strings), and a malformed escape left as sent.
 */
public final class PathSegments {
    private PathSegments() {}

    /** The decoded segment; the segment itself when it has no escape or a malformed one. */
    public static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
