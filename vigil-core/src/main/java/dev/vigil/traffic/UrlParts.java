package dev.vigil.traffic;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An absolute http(s) or ws(s) URL split the way {@link Exchange.Request} wants it. The path and
 * query keep their raw encoding; user info and fragment are dropped (user info may hold a password).
 */
record UrlParts(String scheme, String host, int port, String path, String query) {
    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    /**
     * Parses {@code url}. When it is origin-relative ({@code /path?query}), {@code fallbackScheme} and
     * {@code fallbackAuthority} (for example from HTTP/2 pseudo-headers) supply the rest, if present.
     */
    static UrlParts parse(String url, String fallbackScheme, String fallbackAuthority) {
        if (url.isEmpty()) {
            throw new InvalidExchangeException("request URL is empty");
        }
        int schemeColon = url.indexOf(':');
        if (schemeColon > 0
                && !url.startsWith("://", schemeColon)
                && URI_SCHEME.matcher(url.substring(0, schemeColon)).matches()) {
            // data:, blob:, about: and the like: browser-internal, not HTTP traffic.
            throw new InvalidExchangeException("request URL scheme is not http, https, ws or wss");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new InvalidExchangeException("request URL contains whitespace or control characters");
            }
        }
        int sep = url.indexOf("://");
        String scheme;
        String rest;
        if (url.startsWith("/") && !url.startsWith("//")) {
            if (fallbackAuthority.isEmpty()) {
                throw new InvalidExchangeException("request URL is not absolute and no authority is known");
            }
            scheme = fallbackScheme.isEmpty() ? "https" : fallbackScheme.toLowerCase(Locale.ROOT);
            rest = fallbackAuthority + url;
        } else if (sep > 0) {
            scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = url.substring(sep + 3);
        } else {
            throw new InvalidExchangeException("request URL is not absolute");
        }
        if (!SCHEMES.contains(scheme)) {
            throw new InvalidExchangeException("request URL scheme is not http, https, ws or wss");
        }
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        String portText = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidExchangeException("request URL has an unterminated IPv6 host");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidExchangeException("request URL has an invalid authority");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            portText = colon >= 0 ? authority.substring(colon + 1) : "";
        }
        if (!validHost(host)) {
            throw new InvalidExchangeException("request URL has a missing or invalid host");
        }
        int port = portText.isEmpty() ? defaultPort(scheme) : port(portText);
        int hash = tail.indexOf('#');
        if (hash >= 0) {
            tail = tail.substring(0, hash);
        }
        int question = tail.indexOf('?');
        String path = question >= 0 ? tail.substring(0, question) : tail;
        String query = question >= 0 ? tail.substring(question + 1) : "";
        return new UrlParts(scheme, host.toLowerCase(Locale.ROOT), port, path.isEmpty() ? "/" : path, query);
    }

    private static int port(String text) {
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidExchangeException("request URL has an invalid port");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new InvalidExchangeException("request URL has an invalid port");
        }
        return port;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }

    private static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.length() > 2
                    && host.substring(1, host.length() - 1)
                            .chars()
                            .allMatch(c -> Character.digit(c, 16) >= 0
                                    || c == ':'
                                    || c == '.'
                                    || c == '%'
                                    || Character.isLetterOrDigit(c));
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '%'
                    || c > 0x7f;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
