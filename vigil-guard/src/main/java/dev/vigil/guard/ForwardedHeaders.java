package dev.vigil.guard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Adds X-Forwarded-For/-Proto/-Host and RFC 7239 {@code Forwarded} to a request going upstream.
 * Names are cached {@link AsciiString}s (hash and validation are cheaper than for Strings), and the
 * client's parts are computed once per connection by {@link #forClient}.
 */
final class ForwardedHeaders {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    /** What a connection's client contributes: its address and its RFC 7239 node name. */
    record Client(String ip, String forElement) {}

    private ForwardedHeaders() {}

    static Client forClient(InetAddress client) {
        return new Client(client.getHostAddress(), "for=" + nodeName(client));
    }

    static void apply(HttpHeaders h, Client client, String scheme, boolean trustIncoming) {
        String host = h.get(HttpHeaderNames.HOST);
        String xff = trustIncoming ? joined(h.getAll(X_FORWARDED_FOR)) : null;
        String forwarded = trustIncoming ? joined(h.getAll(FORWARDED)) : null;
        if (!trustIncoming) {
            h.remove(X_FORWARDED_PROTO);
            h.remove(X_FORWARDED_HOST);
        }
        h.set(X_FORWARDED_FOR, xff == null ? client.ip() : xff + ", " + client.ip());
        if (!h.contains(X_FORWARDED_PROTO)) {
            h.set(X_FORWARDED_PROTO, scheme);
        }
        if (host != null && !h.contains(X_FORWARDED_HOST)) {
            h.set(X_FORWARDED_HOST, host);
        }
        String element = host == null
                ? client.forElement() + ";proto=" + scheme
                : client.forElement() + ";host=" + tokenOrQuoted(host) + ";proto=" + scheme;
        h.set(FORWARDED, forwarded == null ? element : forwarded + ", " + element);
    }

    /** Names {@link #lines} replaces, so a forwarded raw head drops them (lower case). */
    static final List<String> REPLACED =
            List.of("x-forwarded-for", "forwarded", "x-forwarded-proto", "x-forwarded-host");

    /** With trusted incoming values X-Forwarded-Proto and -Host are kept as they came. */
    static final List<String> REPLACED_TRUSTING = List.of("x-forwarded-for", "forwarded");

    /**
     * The header lines {@link #apply} would leave for the forwarding headers, as "Name: value\r\n"
     * bytes, for a request whose {@code h} is not changed: the names in {@link #REPLACED} (or {@link
     * #REPLACED_TRUSTING}) are removed from the raw head and these lines take their place.
     */
    static byte[] lines(HttpHeaders h, Client client, String scheme, boolean trustIncoming) {
        String host = h.get(HttpHeaderNames.HOST);
        String xff = trustIncoming ? joined(h.getAll(X_FORWARDED_FOR)) : null;
        String forwarded = trustIncoming ? joined(h.getAll(FORWARDED)) : null;
        StringBuilder sb = new StringBuilder(160);
        line(sb, "X-Forwarded-For", xff == null ? client.ip() : xff + ", " + client.ip());
        if (!trustIncoming || !h.contains(X_FORWARDED_PROTO)) {
            line(sb, "X-Forwarded-Proto", scheme);
        }
        if (host != null && (!trustIncoming || !h.contains(X_FORWARDED_HOST))) {
            line(sb, "X-Forwarded-Host", host);
        }
        String element = host == null
                ? client.forElement() + ";proto=" + scheme
                : client.forElement() + ";host=" + tokenOrQuoted(host) + ";proto=" + scheme;
        line(sb, "Forwarded", forwarded == null ? element : forwarded + ", " + element);
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append(": ").append(value).append("\r\n");
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static String nodeName(InetAddress a) {
        String ip = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int zone = ip.indexOf('%');
            return "\"[" + (zone >= 0 ? ip.substring(0, zone) : ip) + "]\"";
        }
        return ip;
    }

    private static String tokenOrQuoted(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean token = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_';
            if (!token) {
                return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return v;
    }
}
