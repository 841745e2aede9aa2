package dev.vigil.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals as they appear in captured traffic ({@code 10.0.0.7}, {@code 10.0.0.7:5123},
 * {@code [fd00::1]:443}, {@code "[2001:db8::1]"}) and whether they are private. Never resolves names.
 */
final class NetworkAddresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(?:%[\\w.-]+)?");

    private NetworkAddresses() {}

    /** The address in {@code text}, or empty when it is not an IP literal (a name, "unknown", garbage). */
    static Optional<InetAddress> literal(String text) {
        String s = text.trim().replace("\"", "");
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with port
        }
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6.matcher(s).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // Safe: only literals reach this point, so no name lookup happens.
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Loopback, link-local, RFC 1918, carrier-grade NAT (RFC 6598, common for cluster networks),
     * unspecified, and IPv6 unique-local (fc00::/7) addresses.
     */
    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
    }
}
