package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A live EUR quote for signed-in users, from the bank's rate provider or from a {@code source}
 * rates document the client names (a feature for partners with their own feeds). Secure mode
 * accepts a source only on the provider's own origin; vulnerable mode fetches whatever URL it is
 * given, from inside the bank's network: server-side request forgery.
 */
final class FxQuoteRoutes {
    private static final Set<String> CURRENCIES = Set.of("USD", "GBP", "CHF", "EUR");

    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final FxRatesClient fx;

    FxQuoteRoutes(RequestAuth auth, AccessPolicy policy, FxRatesClient fx) {
        this.auth = auth;
        this.policy = policy;
        this.fx = fx;
    }

    record QuoteView(String base, String quote, BigDecimal rate) {}

    void register(Javalin app) {
        app.get("/api/v2/fx/quote", this::quote);
    }

    private void quote(Context ctx) throws InterruptedException {
        auth.requireUser(ctx);
        String quote = Optional.ofNullable(ctx.queryParam("currency"))
                .orElse("USD")
                .trim()
                .toUpperCase(Locale.ROOT);
        if (!CURRENCIES.contains(quote)) {
            throw ProblemException.invalid(List.of(
                    "currency: must be one of " + CURRENCIES.stream().sorted().toList()));
        }
        String source = ctx.queryParam("source");
        Optional<BigDecimal> rate;
        if (source == null || source.isBlank()) {
            rate = quote.equals("EUR") ? Optional.of(BigDecimal.ONE) : fx.rate("EUR", quote);
        } else {
            URI uri = parse(source);
            if (!policy.fetchesAnyRateSource() && !FxRatesClient.sameOrigin(uri, fx.base())) {
                throw ProblemException.invalid(List.of("source: only the bank's rate provider may be named"));
            }
            rate = fx.rateFrom(uri, quote);
        }
        if (rate.isEmpty()) {
            throw new ProblemException(
                    502,
                    "provider-unavailable",
                    "Rate provider unavailable",
                    "No rate for EUR/" + quote + ".",
                    List.of());
        }
        ctx.json(new QuoteView("EUR", quote, rate.get()));
    }

    private static URI parse(String source) {
        try {
            URI uri = new URI(source.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw ProblemException.invalid(List.of("source: must be an http(s) URL"));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(List.of("source: must be an http(s) URL"));
        }
    }
}
