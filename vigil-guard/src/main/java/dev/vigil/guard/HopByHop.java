package dev.vigil.guard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Removes RFC 9110 §7.6.1 connection-specific headers, which describe one hop and must not be
 * forwarded. Transfer-Encoding stays: the body is streamed in the framing it arrived in. Upgrade is
 * removed too; the caller puts it back for WebSocket upgrades, the one switch the guard follows.
 */
final class HopByHop {
    /**
     * Names a Connection header cannot remove: framing and routing, and what the guard inspected or
     * attributed the request by (its media type and coding, its credential, the forwarding headers).
     * Removing one would let the upstream act on a request other than the one that was checked.
     */
    private static final java.util.Set<String> PROTECTED = java.util.Set.of(
            "close",
            "keep-alive",
            "content-length",
            "transfer-encoding",
            "host",
            "content-type",
            "content-encoding",
            "authorization",
            "cookie",
            "forwarded",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto");

    private HopByHop() {}

    /** Whether a Connection header may not remove {@code lowerCaseName} (see {@link #PROTECTED}). */
    static boolean isProtected(String lowerCaseName) {
        return PROTECTED.contains(lowerCaseName);
    }

    static boolean isWebSocketUpgrade(HttpHeaders h) {
        return "websocket".equalsIgnoreCase(h.get(HttpHeaderNames.UPGRADE, "").trim())
                && h.containsValue(HttpHeaderNames.CONNECTION, "upgrade", true);
    }

    static void strip(HttpHeaders h) {
        // The same names a forwarded raw head leaves out (HeadWriter): the hop-by-hop set and
        // whatever Connection lists, never framing or routing headers (request smuggling).
        for (String name : HeadWriter.dropNames(h, HeadWriter.HOP_BY_HOP)) {
            h.remove(name);
        }
    }
}
