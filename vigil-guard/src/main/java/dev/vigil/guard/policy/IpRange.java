package dev.vigil.guard.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address or CIDR block, parsed from a literal (never resolved through DNS). */
public record IpRange(byte[] network, int prefixLength, String text) {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    public IpRange {
        Objects.requireNonNull(network, "network");
        network = network.clone();
        Objects.requireNonNull(text, "text");
    }

    /** Parses {@code 10.0.0.0/8}, {@code 203.0.113.7}, {@code 2001:db8::/32}. */
    public static IpRange parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash >= 0 ? t.substring(0, slash) : t;
        if (!LITERAL.matcher(addr).matches()) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
        }
        return new IpRange(bytes, prefix, t);
    }

    /** Whether the literal address {@code address} is inside this range; false for anything unparsable. */
    public boolean contains(String address) {
        byte[] a = literal(address);
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static byte[] literal(String addr) {
        if (addr.isEmpty() || !LITERAL.matcher(addr).matches()) {
            return null;
        }
        try {
            // A literal (checked above) is parsed without any name lookup.
            return InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
