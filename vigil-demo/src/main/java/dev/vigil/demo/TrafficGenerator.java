package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.traffic.ExchangeSink;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Drives the demo API like its real users would, so discovery has believable traffic: customers of
 * two banks, a support agent, an admin and a partner take turns, one persona per iteration, with
 * choices drawn from a seeded {@link java.util.Random}. Every request and its response is captured
 * as an exchange with source {@value #SOURCE} and handed to the sink.
 *
 * <p>Each persona runs every step of its journey on its first turn, so a run of at least
 * {@link #PERSONAS} iterations covers the whole surface, including refused calls (wrong password,
 * another customer's account, admin pages, missing API key) and the deprecated v1 API. To capture
 * the demo API's own outbound calls as well, also pass the sink to {@link DemoApi#captureOutbound}.
 *
 * <p>Only talks to loopback: the base URL must point at 127.0.0.1 (or another loopback address).
 */
public final class TrafficGenerator {

    public static final String SOURCE = "demo-generator";

    /** Personas taking turns: four customers, a support agent, an admin and a partner. */
    public static final int PERSONAS = 7;

    /**
     * Where each persona's calls come from, as the demo's load balancer would report them: customers
     * and the partner from public documentation ranges (RFC 5737), staff from the office network.
     */
    private static final String[] FORWARDED_FOR = {
        "198.51.100.23", "198.51.100.87", "203.0.113.40", "203.0.113.142", "10.20.0.15", "10.20.0.16", "192.0.2.50"
    };

    private final URI baseUrl;
    private final long seed;
    private final Clock clock;

    public TrafficGenerator(URI baseUrl, long seed, Clock clock) {
        this.baseUrl = requireLoopback(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.seed = seed;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code iterations} persona turns and returns what was sent. Stops early, with the
     * interrupt flag set again, if the thread is interrupted.
     */
    public GenerationSummary run(int iterations, ExchangeSink sink) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must not be negative, was " + iterations);
        }
        Objects.requireNonNull(sink, "sink");
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            return run(iterations, new GeneratorClient(http, baseUrl, clock, new ObjectMapper(), sink));
        }
    }

    private GenerationSummary run(int iterations, GeneratorClient client) {
        GeneratorState state = new GeneratorState(seed);
        CustomerJourney customers = new CustomerJourney(client, state, clock);
        StaffJourney staff = new StaffJourney(client, state);
        PartnerJourney partner = new PartnerJourney(client, state);
        List<String> customerNames = CustomerJourney.customers();
        int done = 0;
        try {
            for (; done < iterations; done++) {
                int turn = done % PERSONAS;
                client.forwardedFor(FORWARDED_FOR[turn]);
                if (turn < customerNames.size()) {
                    GeneratorState.Session s = state.session(customerNames.get(turn));
                    s.visits++;
                    customers.visit(s);
                } else if (turn == 4) {
                    GeneratorState.Session s = state.session(DemoCredentials.NORTHWIND_SUPPORT);
                    s.visits++;
                    staff.support(s);
                } else if (turn == 5) {
                    GeneratorState.Session s = state.session(DemoCredentials.NORTHWIND_ADMIN);
                    s.visits++;
                    staff.admin(s);
                } else {
                    partner.visit();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return client.summary(done);
    }

    private static URI requireLoopback(URI uri) {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http URL on loopback, was " + uri);
        }
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()
                    || !uri.getHost().startsWith("127.")) {
                throw new IllegalArgumentException("baseUrl must point at 127.0.0.1, was " + uri);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("baseUrl host does not resolve: " + uri.getHost(), e);
        }
        return uri;
    }
}
