package dev.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.traffic.Exchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo API's client for the exchange-rate provider. Every call, answered or not, is reported to
 * the registered {@link OutboundListener}s as an exchange with source {@value #SOURCE}.
 */
final class FxRatesClient {

    static final String SOURCE = "outbound:demo-api";

    private final HttpClient http;
    private final URI base;
    private final Clock clock;
    private final ObjectMapper json;
    private final List<OutboundListener> listeners = new CopyOnWriteArrayList<>();

    FxRatesClient(HttpClient http, URI base, Clock clock, ObjectMapper json) {
        this.http = http;
        this.base = base;
        this.clock = clock;
        this.json = json;
    }

    void addListener(OutboundListener listener) {
        listeners.add(listener);
    }

    void removeListener(OutboundListener listener) {
        listeners.remove(listener);
    }

    /** Units of {@code to} per unit of {@code from}, or empty when the provider does not know the pair or fails. */
    Optional<BigDecimal> rate(String from, String to) throws InterruptedException {
        String f = from.toUpperCase(Locale.ROOT);
        String t = to.toUpperCase(Locale.ROOT);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/latest?base=" + f + "&symbols=" + t))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + FxRatesServer.API_KEY)
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Instant started = clock.instant();
        Optional<HttpResponse<String>> response = Optional.empty();
        try {
            response = Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            // The provider being down is an answer too: the caller gets no rate.
        }
        Exchange exchange = ExchangeRecorder.record(request, "", response, started, clock.instant(), SOURCE);
        listeners.forEach(l -> l.onOutbound(exchange));
        return response.filter(r -> r.statusCode() == 200).flatMap(r -> parseRate(r.body(), t));
    }

    /** The provider's base URL. */
    URI base() {
        return base;
    }

    /**
     * Units of {@code to} per EUR from the rates document at {@code source}, a provider the client
     * chose; empty when it cannot be fetched or parsed. The provider's API key is sent only to the
     * bank's own provider.
     */
    Optional<BigDecimal> rateFrom(URI source, String to) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(source)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(5))
                .GET();
        if (sameOrigin(source, base)) {
            builder.header("Authorization", "Bearer " + FxRatesServer.API_KEY);
        }
        HttpRequest request = builder.build();
        Instant started = clock.instant();
        Optional<HttpResponse<String>> response = Optional.empty();
        try {
            response = Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            // an unreachable source is an answer too: no rate
        }
        Exchange exchange = ExchangeRecorder.record(request, "", response, started, clock.instant(), SOURCE);
        listeners.forEach(l -> l.onOutbound(exchange));
        return response.filter(r -> r.statusCode() == 200)
                .flatMap(r -> parseRate(r.body(), to.toUpperCase(Locale.ROOT)));
    }

    /** Same scheme, host and port. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private Optional<BigDecimal> parseRate(String body, String to) {
        try {
            JsonNode rate = json.readTree(body).path("rates").path(to);
            return rate.isNumber() ? Optional.of(rate.decimalValue()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
