package dev.vigil.guard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Removes RFC 9110 §7.6.1 connection-specific headers, which describe one hop and must not be
 * forwarded. Transfer-Encoding stays: the body is streamed in the framing it arrived in. Upgrade is
 * removed too; the caller puts it back for WebSocket upgrades, the one switch the guard follows.
 */
final class HopByHop {
    private static final java.util.Set<String> PROTECTED =
            java.util.Set.of("close", "keep-alive", "content-length", "transfer-encoding", "host");

    private HopByHop() {}

    static boolean isWebSocketUpgrade(HttpHeaders h) {
        return "websocket".equalsIgnoreCase(h.get(HttpHeaderNames.UPGRADE, "").trim())
                && h.containsValue(HttpHeaderNames.CONNECTION, "upgrade", true);
    }

    static void strip(HttpHeaders h) {
        List<String> connection = h.getAll(HttpHeaderNames.CONNECTION);
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
        h.remove("keep-alive");
        h.remove("proxy-connection");
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.UPGRADE);
    }
}
