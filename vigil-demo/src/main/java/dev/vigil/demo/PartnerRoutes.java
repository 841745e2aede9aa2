package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partner API: exchange rates (relayed from the rate provider) and payment initiation, for
 * partners authenticated by {@code X-API-Key} or a client-credentials token.
 */
final class PartnerRoutes {

    private static final List<String> QUOTED = List.of("CHF", "EUR", "GBP", "JPY", "PLN", "USD");

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;
    private final FxRatesClient fx;

    PartnerRoutes(
            BankData bank, RequestAuth auth, AccessPolicy policy, ObjectMapper json, Clock clock, FxRatesClient fx) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
        this.fx = fx;
    }

    void register(Javalin app) {
        app.get("/api/partner/v1/rates", this::rates);
        app.post("/api/partner/v1/payments", this::payment);
    }

    private Caller.PartnerApp requireScope(Context ctx, String scope) {
        Caller.PartnerApp partner = auth.requirePartner(ctx);
        if (!policy.partnerMay(partner, scope)) {
            throw ProblemException.forbidden("The partner credential lacks the scope " + scope + ".");
        }
        return partner;
    }

    private void rates(Context ctx) throws InterruptedException {
        requireScope(ctx, "rates:read");
        String base =
                ctx.queryParamAsClass("base", String.class).getOrDefault("EUR").toUpperCase(Locale.ROOT);
        if (!QUOTED.contains(base)) {
            throw ProblemException.invalid(List.of("base: must be one of " + QUOTED));
        }
        Map<String, BigDecimal> rates = new TreeMap<>();
        for (String symbol : List.of("USD", "GBP", "CHF")) {
            if (!symbol.equals(base)) {
                fx.rate(base, symbol).ifPresent(rate -> rates.put(symbol, rate));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base", base);
        out.put("rates", rates);
        out.put("asOf", clock.instant().toString());
        ctx.json(out);
    }

    private void payment(Context ctx) {
        Caller.PartnerApp partner = requireScope(ctx, "payments:write");
        JsonBody body = JsonBody.of(ctx, json);
        String debtorIban = body.text("debtorIban").replace(" ", "").toUpperCase(Locale.ROOT);
        String creditorIban = body.text("creditorIban").replace(" ", "").toUpperCase(Locale.ROOT);
        String creditorName = body.text("creditorName");
        BigDecimal amount = body.positiveAmount("amount");
        String currency = body.text("currency").toUpperCase(Locale.ROOT);
        body.require(debtorIban.isEmpty() || Iban.isValid(debtorIban), "debtorIban: must be a valid IBAN");
        body.require(creditorIban.isEmpty() || Iban.isValid(creditorIban), "creditorIban: must be a valid IBAN");
        body.require(currency.isEmpty() || QUOTED.contains(currency), "currency: must be one of " + QUOTED);
        body.validate();
        // A partner may only initiate payments from accounts of the bank it is contracted with.
        bank.accountByIban(debtorIban)
                .filter(a -> a.tenantId().equals(partner.tenantId()))
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-debtor", "Unknown debtor account", "The debtor IBAN is not an account of this bank."));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paymentId", bank.newId().toString());
        out.put("status", "pending");
        out.put("debtorIban", debtorIban);
        out.put("creditorIban", creditorIban);
        out.put("creditorName", creditorName);
        out.put("amount", amount);
        out.put("currency", currency);
        out.put("idempotencyKey", ctx.header("Idempotency-Key"));
        out.put("createdAt", clock.instant().toString());
        ctx.status(202).json(out);
    }
}
