package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    /** Collects exchanges; quarantine must never happen for generated traffic. */
    static final class CollectingSink implements ExchangeSink {
        final List<Exchange> exchanges = new ArrayList<>();
        final List<Quarantined> quarantined = new ArrayList<>();

        @Override
        public void accept(Exchange exchange) {
            exchanges.add(exchange);
        }

        @Override
        public void quarantine(Quarantined record) {
            quarantined.add(record);
        }
    }

    /** Method and path with UUID and integer segments replaced, independent of the generator's own labels. */
    static String operation(Exchange e) {
        String path = e.request()
                .path()
                .replaceAll("/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "/{uuid}")
                .replaceAll("/\\d+(?=/|$)", "/{int}")
                .replaceAll("/tickets/[a-z0-9-]+$", "/tickets/{slug}");
        return e.request().method() + " " + e.request().authority() + path;
    }

    static GenerationSummary run(int iterations, long seed, CollectingSink sink) {
        try (DemoApi api = DemoApi.start(DemoConfig.defaults().withClock(CLOCK));
                DemoApi.Capture capture = api.captureOutbound(sink)) {
            return new TrafficGenerator(URI.create(api.baseUrl()), seed, CLOCK).run(iterations, sink);
        }
    }

    @Test
    void producesExchangesCoveringTheSurfaceIncludingOutboundCallsAllOnLoopback() {
        CollectingSink sink = new CollectingSink();
        GenerationSummary summary = run(3 * TrafficGenerator.PERSONAS, 7L, sink);

        List<Exchange> inbound = sink.exchanges.stream()
                .filter(e -> e.source().equals(TrafficGenerator.SOURCE))
                .toList();
        List<Exchange> outbound = sink.exchanges.stream()
                .filter(e -> e.source().equals("outbound:demo-api"))
                .toList();
        Set<String> operations = new TreeSet<>();
        sink.exchanges.forEach(e -> operations.add(operation(e)));

        assertThat(summary.iterations()).isEqualTo(21);
        assertThat(summary.transportFailures()).isZero();
        assertThat(inbound).hasSize(summary.exchanges());
        assertThat(inbound.size() + outbound.size()).isEqualTo(sink.exchanges.size());
        assertThat(sink.quarantined).isEmpty();
        assertThat(outbound).isNotEmpty();
        assertThat(sink.exchanges).allSatisfy(e -> {
            assertThat(e.request().host()).startsWith("127.");
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.response()).isPresent();
            assertThat(e.request().header("Host"))
                    .hasValue(e.request().host() + ":" + e.request().port());
        });
        assertThat(summary.distinctOperations()).isGreaterThanOrEqualTo(25);
        assertThat(operations).hasSizeGreaterThanOrEqualTo(26);
        assertThat(summary.operations())
                .containsKeys(
                        "POST /api/v2/auth/login",
                        "GET /api/v2/users/me",
                        "GET /api/v2/accounts/{accountId}/transactions/{transactionId}",
                        "POST /api/v2/transfers",
                        "POST /api/v2/payments/{paymentId}/execute",
                        "GET /api/v2/admin/audit-events",
                        "GET /api/v2/support/tickets/{ticketId}",
                        "DELETE /api/v2/admin/accounts/{accountId}",
                        "POST /oauth/token",
                        "POST /api/partner/v1/payments",
                        "GET /api/v1/users/{userId}");
        assertThat(summary.statuses()).containsKeys(200, 201, 202, 204, 401, 403, 404);
        assertThat(inbound)
                .anySatisfy(e -> assertThat(e.request().path()).startsWith("/api/v1/"))
                .anySatisfy(e -> assertThat(e.request().header("X-API-Key")).isPresent());
    }

    @Test
    void sameSeedDrivesTheSameRequestSequenceAndAnotherSeedDoesNot() {
        CollectingSink first = new CollectingSink();
        CollectingSink again = new CollectingSink();
        CollectingSink other = new CollectingSink();
        run(14, 42L, first);
        run(14, 42L, again);
        run(14, 43L, other);

        List<String> a = first.exchanges.stream()
                .map(e -> e.request().method() + " " + e.request().path() + "?"
                        + e.request().query() + " " + e.response().orElseThrow().status())
                .toList();
        List<String> b = again.exchanges.stream()
                .map(e -> e.request().method() + " " + e.request().path() + "?"
                        + e.request().query() + " " + e.response().orElseThrow().status())
                .toList();
        List<String> c = other.exchanges.stream()
                .map(e -> e.request().method() + " " + e.request().path() + "?"
                        + e.request().query() + " " + e.response().orElseThrow().status())
                .toList();

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void refusesBaseUrlsOffLoopback() {
        assertThatThrownBy(() -> new TrafficGenerator(URI.create("http://example.com"), 1L, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrafficGenerator(URI.create("http://10.0.0.1:8080"), 1L, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
