package dev.vigil.discovery;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Says who could make one exchange, from its addresses, headers, authentication and the
 * configuration. Rules, first match wins:
 *
 * <ol>
 *   <li>THIRD_PARTY: the host is not ours (not owned, internal or partner) and either the exchange
 *       was captured leaving a service ({@code source} starts with {@code outbound:}) or owned
 *       hosts are configured.
 *   <li>INTERNAL: every known origin address (client address, X-Forwarded-For, Forwarded,
 *       X-Real-IP) is private; or no origin is known and the host is internal by name or address.
 *   <li>PARTNER: a partner host or path prefix, a caller with an API key in a header or query, or a
 *       client certificate forwarded by a TLS-terminating proxy.
 *   <li>PUBLIC otherwise.
 * </ol>
 *
 * <p>The lead aggregates an endpoint as the widest exposure seen, so each rule only narrows on
 * evidence: a single public hop in a forwarding chain, or a public client reaching an "internal"
 * host, keeps the exchange public.
 */
public final class ExposureClassifier {
    /** Prefix of {@link Exchange#source()} for traffic captured leaving an observed service. */
    public static final String OUTBOUND_SOURCE_PREFIX = "outbound:";

    private static final Set<String> CLIENT_CERT_HEADERS = Set.of(
            "x-client-cert",
            "x-client-certificate",
            "x-ssl-client-cert",
            "x-ssl-client-escaped-cert",
            "x-ssl-client-dn",
            "x-ssl-client-s-dn",
            "ssl-client-cert",
            "x-arr-clientcert",
            "x-forwarded-client-cert",
            "x-amzn-mtls-clientcert");
    private static final Set<String> CLIENT_VERIFY_HEADERS =
            Set.of("x-ssl-client-verify", "x-client-verify", "ssl-client-verify");
    private static final Set<String> EMPTY_CERT_VALUES = Set.of("", "-", "(null)", "null", "none");

    private enum Origin {
        ALL_PRIVATE,
        SOME_PUBLIC,
        UNKNOWN
    }

    private final ExposureConfig config;
    private final HostGlobs internal;
    private final HostGlobs partner;
    private final HostGlobs owned;

    public ExposureClassifier(ExposureConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.internal = new HostGlobs(config.internalHosts());
        this.partner = new HostGlobs(config.partnerHosts());
        this.owned = new HostGlobs(config.ownedHosts());
    }

    public Exposure classify(Exchange e, AuthObservation auth) {
        Exchange.Request request = e.request();
        String host = request.host();
        Optional<InetAddress> hostAddress = NetworkAddresses.literal(host);
        boolean internalHost = internal.matches(host)
                || hostAddress.filter(NetworkAddresses::isPrivate).isPresent();
        boolean partnerHost = partner.matches(host);
        // Configured owned hosts are authoritative; without them a private address counts as ours.
        boolean ours = owned.isEmpty()
                ? internalHost || partnerHost
                : owned.matches(host) || partnerHost || internal.matches(host);
        if (!ours && (e.source().startsWith(OUTBOUND_SOURCE_PREFIX) || !owned.isEmpty())) {
            return Exposure.THIRD_PARTY;
        }
        Origin origin = origin(e);
        if (origin == Origin.ALL_PRIVATE || (origin == Origin.UNKNOWN && internalHost)) {
            return Exposure.INTERNAL;
        }
        if (partnerHost || partnerPath(request.path()) || apiKeyCaller(auth) || clientCertificate(request.headers())) {
            return Exposure.PARTNER;
        }
        return Exposure.PUBLIC;
    }

    private boolean partnerPath(String path) {
        for (String prefix : config.partnerPathPrefixes()) {
            if (path.equals(prefix) || path.startsWith(prefix.equals("/") ? "/" : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static boolean apiKeyCaller(AuthObservation auth) {
        for (AuthScheme s : auth.schemes()) {
            if (s instanceof AuthScheme.ApiKey key && key.in() != ParameterLocation.COOKIE) {
                return true;
            }
        }
        return false;
    }

    /** A forwarded client certificate, unless the proxy also says verification did not succeed. */
    private static boolean clientCertificate(List<Header> headers) {
        boolean certificate = false;
        boolean verified = false;
        boolean failed = false;
        for (Header h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            String value = h.value().trim();
            if (CLIENT_VERIFY_HEADERS.contains(name)) {
                if (value.equalsIgnoreCase("SUCCESS")) {
                    verified = true;
                } else {
                    failed = true;
                }
            } else if (CLIENT_CERT_HEADERS.contains(name)
                    && !EMPTY_CERT_VALUES.contains(value.toLowerCase(Locale.ROOT))) {
                certificate = true;
            }
        }
        return !failed && (verified || certificate);
    }

    private static Origin origin(Exchange e) {
        List<String> addresses = new ArrayList<>();
        for (Header h : e.request().headers()) {
            if (h.named("x-forwarded-for")) {
                for (String hop : h.value().split(",")) {
                    addresses.add(hop);
                }
            } else if (h.named("x-real-ip")) {
                addresses.add(h.value());
            } else if (h.named("forwarded")) {
                forwardedFor(h.value(), addresses);
            }
        }
        if (!e.clientAddress().isBlank()) {
            addresses.add(e.clientAddress());
        }
        if (addresses.isEmpty()) {
            return Origin.UNKNOWN;
        }
        boolean unknown = false;
        for (String a : addresses) {
            Optional<InetAddress> address = NetworkAddresses.literal(a);
            if (address.isEmpty()) {
                unknown = true; // "unknown", obfuscated identifiers: a hidden hop may be anyone.
            } else if (!NetworkAddresses.isPrivate(address.get())) {
                return Origin.SOME_PUBLIC;
            }
        }
        return unknown ? Origin.UNKNOWN : Origin.ALL_PRIVATE;
    }

    /** RFC 7239: {@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}. */
    private static void forwardedFor(String value, List<String> out) {
        for (String element : value.split(",")) {
            for (String pair : element.split(";")) {
                String p = pair.trim();
                if (p.regionMatches(true, 0, "for=", 0, 4)) {
                    out.add(p.substring(4));
                }
            }
        }
    }
}
