package dev.vigil.demo;

import io.javalin.Javalin;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for the external foreign-exchange rate provider the bank depends on, served on its own
 * loopback port so the demo API's calls to it are real outbound traffic. Rates are fixed.
 */
final class FxRatesServer implements AutoCloseable {
    /**
     * The third party listens on its own loopback address so that its traffic has a host of its own,
     * as a real provider's would.
     */
    static final String ADDRESS = "127.0.0.2";

    static final String API_KEY = "fxk_live_demo_7c1e9a4b2d6f";
    static final Map<String, BigDecimal> EUR_RATES = Map.of(
            "EUR", BigDecimal.ONE,
            "USD", new BigDecimal("1.0842"),
            "GBP", new BigDecimal("0.8571"),
            "CHF", new BigDecimal("0.9412"),
            "JPY", new BigDecimal("162.35"),
            "PLN", new BigDecimal("4.3120"));

    private final Javalin app;

    private FxRatesServer(Javalin app) {
        this.app = app;
    }

    static FxRatesServer start(Clock clock) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/v1/latest", ctx -> {
            if (!("Bearer " + API_KEY).equals(ctx.header("Authorization"))) {
                ctx.status(401).json(Map.of("error", "invalid_api_key"));
                return;
            }
            String base = ctx.queryParamAsClass("base", String.class)
                    .getOrDefault("EUR")
                    .toUpperCase(Locale.ROOT);
            String symbols = ctx.queryParamAsClass("symbols", String.class).getOrDefault("");
            if (!EUR_RATES.containsKey(base)) {
                ctx.status(400).json(Map.of("error", "unsupported_base"));
                return;
            }
            Map<String, BigDecimal> rates = new TreeMap<>();
            for (String symbol : symbols.isBlank() ? EUR_RATES.keySet().toArray(String[]::new) : symbols.split(",")) {
                String code = symbol.trim().toUpperCase(Locale.ROOT);
                if (EUR_RATES.containsKey(code)) {
                    rates.put(code, cross(base, code));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("base", base);
            body.put(
                    "date",
                    clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            body.put("rates", rates);
            ctx.json(body);
        });
        app.start(ADDRESS, 0);
        return new FxRatesServer(app);
    }

    /** Units of {@code to} per one unit of {@code from}. */
    static BigDecimal cross(String from, String to) {
        return EUR_RATES.get(to).divide(EUR_RATES.get(from), 6, RoundingMode.HALF_EVEN);
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
