package dev.vigil.guard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Removes RFC 9110 §7.6.1 connection-specific headers, which describe one hop and must not be
 * forwarded. Transfer-Encoding stays: the body is streamed in the framing it arrived in. Upgrade is
 * removed too; the caller puts it back for WebSocket upgrades, the one switch the guard follows.
 */
final class HopByHop {
    private static final java.util.Set<String> PROTECTED =
            java.util.Set.of("close", "keep-alive", "content-length", "transfer-encoding", "host");

    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private HopByHop() {}

    /** Whether a Connection header may not remove {@code lowerCaseName}: framing and routing headers. */
    static boolean isProtected(String lowerCaseName) {
        return PROTECTED.contains(lowerCaseName);
    }

    static boolean isWebSocketUpgrade(HttpHeaders h) {
        return "websocket".equalsIgnoreCase(h.get(HttpHeaderNames.UPGRADE, "").trim())
                && h.containsValue(HttpHeaderNames.CONNECTION, "upgrade", true);
    }

    static void strip(HttpHeaders h) {
        // getAll allocates; most requests name nothing in Connection beyond keep-alive or close.
        List<String> connection =
                h.contains(HttpHeaderNames.CONNECTION) ? h.getAll(HttpHeaderNames.CONNECTION) : List.of();
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim();
                // Framing and routing headers are never removed on a client's say-so (request smuggling).
                if (!name.isEmpty() && !PROTECTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    h.remove(name);
                }
            }
        }
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(KEEP_ALIVE);
        h.remove(PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.UPGRADE);
    }
}
