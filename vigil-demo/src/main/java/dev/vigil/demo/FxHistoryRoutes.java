package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Daily reference rates of the last {@value #DAYS} days for a currency against EUR, newest first,
 * for signed-in users. The rates are a deterministic function of the date (no provider call), so
 * the history is long and stable: the list that shows whether {@code limit} is capped.
 */
final class FxHistoryRoutes {
    static final int DAYS = 2000;
    private static final Map<String, Double> BASE = Map.of("USD", 1.08, "GBP", 0.86, "CHF", 0.95, "EUR", 1.0);

    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final Clock clock;

    FxHistoryRoutes(RequestAuth auth, AccessPolicy policy, Clock clock) {
        this.auth = auth;
        this.policy = policy;
        this.clock = clock;
    }

    record RateView(String date, String base, String quote, BigDecimal rate) {}

    void register(Javalin app) {
        app.get("/api/v2/fx/history", this::history);
    }

    private void history(Context ctx) {
        auth.requireUser(ctx);
        String quote = ctx.queryParamAsClass("currency", String.class)
                .getOrDefault("USD")
                .trim()
                .toUpperCase(Locale.ROOT);
        if (!BASE.containsKey(quote)) {
            throw ProblemException.invalid(List.of("currency: must be one of "
                    + BASE.keySet().stream().sorted().toList()));
        }
        int limit = PathParams.limit(ctx, 30, policy.maxPageSize());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<RateView> out = new ArrayList<>();
        for (int d = 0; d < Math.min(limit, DAYS); d++) {
            LocalDate day = today.minusDays(d);
            double wave = 0.03 * Math.sin(day.toEpochDay() / 29.0) + 0.01 * Math.cos(day.toEpochDay() / 7.0);
            BigDecimal rate = BigDecimal.valueOf(BASE.get(quote) * (1 + (quote.equals("EUR") ? 0 : wave)))
                    .setScale(4, RoundingMode.HALF_EVEN);
            out.add(new RateView(day.toString(), "EUR", quote, rate));
        }
        ctx.json(ApiViews.ListView.of(out));
    }
}
