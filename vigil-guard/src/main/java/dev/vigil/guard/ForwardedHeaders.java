package dev.vigil.guard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/** Adds X-Forwarded-For/-Proto/-Host and RFC 7239 {@code Forwarded} to a request going upstream. */
final class ForwardedHeaders {
    static final String X_FORWARDED_FOR = "x-forwarded-for";
    static final String X_FORWARDED_PROTO = "x-forwarded-proto";
    static final String X_FORWARDED_HOST = "x-forwarded-host";
    static final String FORWARDED = "forwarded";

    private ForwardedHeaders() {}

    static void apply(HttpHeaders h, InetAddress client, String scheme, boolean trustIncoming) {
        String ip = client.getHostAddress();
        String host = h.get(HttpHeaderNames.HOST);
        String xff = trustIncoming ? joined(h.getAll(X_FORWARDED_FOR)) : null;
        String forwarded = trustIncoming ? joined(h.getAll(FORWARDED)) : null;
        if (!trustIncoming) {
            h.remove(X_FORWARDED_PROTO);
            h.remove(X_FORWARDED_HOST);
        }
        h.set(X_FORWARDED_FOR, xff == null ? ip : xff + ", " + ip);
        if (!h.contains(X_FORWARDED_PROTO)) {
            h.set(X_FORWARDED_PROTO, scheme);
        }
        if (host != null && !h.contains(X_FORWARDED_HOST)) {
            h.set(X_FORWARDED_HOST, host);
        }
        StringBuilder element = new StringBuilder(64).append("for=").append(nodeName(client));
        if (host != null) {
            element.append(";host=").append(tokenOrQuoted(host));
        }
        element.append(";proto=").append(scheme);
        h.set(FORWARDED, forwarded == null ? element.toString() : forwarded + ", " + element);
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
