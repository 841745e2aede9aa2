package dev.vigil.guard;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the guard listens and where it sends traffic. Routes are matched by host (exact, or {@code *}
 * for any) and then by the longest path prefix; the first listed route wins a tie.
 *
 * @param bindAddress address to listen on, for example {@code 127.0.0.1}
 * @param port port to listen on; 0 picks a free one (see {@link GuardServer#port()})
 * @param routes at least one route
 * @param timeouts connect, response and idle limits
 * @param capture how much of each exchange is copied for analysis
 * @param eventLoopThreads number of I/O threads; 0 means Netty's default (2 × cores)
 * @param alertWebhook where alerts are POSTed as JSON, or null for none
 * @param trustForwardedHeaders whether incoming X-Forwarded-* and Forwarded headers from clients are
 *     kept and extended (true: the guard sits behind another proxy) or replaced (false: the guard is
 *     the edge and client-supplied values are spoofable)
 * @param tls certificate and key to terminate TLS with, or null for plain HTTP
 * @param transport socket implementation: native epoll when available (AUTO), or forced
 */
public record GuardConfig(
        String bindAddress,
        int port,
        List<Route> routes,
        Timeouts timeouts,
        Capture capture,
        int eventLoopThreads,
        URI alertWebhook,
        boolean trustForwardedHeaders,
        Tls tls,
        Transport transport) {

    public GuardConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(capture, "capture");
        routes = List.copyOf(routes);
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65535) {
            problems.add("port must be 0..65535, was " + port);
        }
        if (routes.isEmpty()) {
            problems.add("at least one route is required");
        }
        if (eventLoopThreads < 0) {
            problems.add("eventLoopThreads must be >= 0, was " + eventLoopThreads);
        }
        if (routes.stream().map(Route::name).distinct().count() != routes.size()) {
            problems.add("route names must be unique");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid guard config: " + String.join("; ", problems));
        }
    }

    /** A config with the AUTO transport. */
    public GuardConfig(
            String bindAddress,
            int port,
            List<Route> routes,
            Timeouts timeouts,
            Capture capture,
            int eventLoopThreads,
            URI alertWebhook,
            boolean trustForwardedHeaders,
            Tls tls) {
        this(
                bindAddress,
                port,
                routes,
                timeouts,
                capture,
                eventLoopThreads,
                alertWebhook,
                trustForwardedHeaders,
                tls,
                Transport.AUTO);
    }

    /** A config with default timeouts and capture, listening on loopback. */
    public static GuardConfig of(int port, List<Route> routes) {
        return new GuardConfig("127.0.0.1", port, routes, Timeouts.DEFAULT, Capture.DEFAULT, 0, null, false, null);
    }

    public Optional<URI> webhook() {
        return Optional.ofNullable(alertWebhook);
    }

    public GuardConfig withEventLoopThreads(int threads) {
        return new GuardConfig(
                bindAddress,
                port,
                routes,
                timeouts,
                capture,
                threads,
                alertWebhook,
                trustForwardedHeaders,
                tls,
                transport);
    }

    public GuardConfig withTimeouts(Timeouts newTimeouts) {
        return new GuardConfig(
                bindAddress,
                port,
                routes,
                newTimeouts,
                capture,
                eventLoopThreads,
                alertWebhook,
                trustForwardedHeaders,
                tls,
                transport);
    }

    public GuardConfig withCapture(Capture newCapture) {
        return new GuardConfig(
                bindAddress,
                port,
                routes,
                timeouts,
                newCapture,
                eventLoopThreads,
                alertWebhook,
                trustForwardedHeaders,
                tls,
                transport);
    }

    public GuardConfig withAlertWebhook(URI webhook) {
        return new GuardConfig(
                bindAddress,
                port,
                routes,
                timeouts,
                capture,
                eventLoopThreads,
                webhook,
                trustForwardedHeaders,
                tls,
                transport);
    }

    public GuardConfig withTrustForwardedHeaders(boolean trust) {
        return new GuardConfig(
                bindAddress, port, routes, timeouts, capture, eventLoopThreads, alertWebhook, trust, tls, transport);
    }

    public GuardConfig withTls(Tls newTls) {
        return new GuardConfig(
                bindAddress,
                port,
                routes,
                timeouts,
                capture,
                eventLoopThreads,
                alertWebhook,
                trustForwardedHeaders,
                newTls,
                transport);
    }

    public GuardConfig withTransport(Transport newTransport) {
        return new GuardConfig(
                bindAddress,
                port,
                routes,
                timeouts,
                capture,
                eventLoopThreads,
                alertWebhook,
                trustForwardedHeaders,
                tls,
                newTransport);
    }

    /**
     * Which socket implementation the guard uses. AUTO picks Linux's native epoll when its library
     * loads and NIO otherwise; NIO forces the portable one (for comparison, or where the native
     * library misbehaves); EPOLL fails at start when epoll is not available.
     */
    public enum Transport {
        AUTO,
        NIO,
        EPOLL,
        IO_URING
    }

    public Optional<Tls> tlsTermination() {
        return Optional.ofNullable(tls);
    }

    /**
     * TLS termination: PEM files with the certificate chain (leaf first) and its unencrypted PKCS#8
     * private key.
     */
    public record Tls(java.nio.file.Path certificateChainPem, java.nio.file.Path privateKeyPem) {
        public Tls {
            Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        }
    }

    /**
     * One upstream and the requests it receives.
     *
     * @param name stable name; policies refer to routes by it
     * @param host request host (without port, case-insensitive) or {@code *} for any host
     * @param pathPrefix path prefix starting with {@code /}; {@code /} matches every path
     * @param upstream {@code http://host:port} of the upstream server
     */
    public record Route(String name, String host, String pathPrefix, URI upstream) {
        public Route {
            Objects.requireNonNull(name, "name");
            host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
            Objects.requireNonNull(pathPrefix, "pathPrefix");
            Objects.requireNonNull(upstream, "upstream");
            if (name.isBlank()) {
                throw new IllegalArgumentException("route name must not be blank");
            }
            if (!pathPrefix.startsWith("/")) {
                throw new IllegalArgumentException("route " + name + ": pathPrefix must start with '/'");
            }
            if (!"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
                throw new IllegalArgumentException("route " + name + ": upstream must be http://host[:port]");
            }
        }

        int upstreamPort() {
            return upstream.getPort() > 0 ? upstream.getPort() : 80;
        }
    }

    /**
     * @param connect limit for opening an upstream connection (502 past it)
     * @param response limit between sending the request head and receiving the response head (504 past it)
     * @param idle idle keep-alive client connections are closed after this
     * @param requestHead once a request's first byte arrives, its whole head must arrive within
     *     this (slow-header attacks get 408)
     */
    public record Timeouts(Duration connect, Duration response, Duration idle, Duration requestHead) {
        public static final Timeouts DEFAULT = new Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(75), Duration.ofSeconds(20));

        /** Timeouts with the default 20 s request-head limit. */
        public Timeouts(Duration connect, Duration response, Duration idle) {
            this(connect, response, idle, Duration.ofSeconds(20));
        }

        public Timeouts {
            for (Duration d : List.of(connect, response, idle, requestHead)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive");
                }
            }
        }
    }

    /**
     * @param maxBodyBytes bytes of each body copied for analysis; the rest still flows to its peer
     * @param queueCapacity exchanges waiting for analysis; past it analysis is shed and counted
     */
    public record Capture(int maxBodyBytes, int queueCapacity) {
        public static final Capture DEFAULT = new Capture(64 * 1024, 4096);

        public Capture {
            if (maxBodyBytes < 0 || queueCapacity < 1) {
                throw new IllegalArgumentException("capture: maxBodyBytes >= 0 and queueCapacity >= 1");
            }
        }
    }
}
