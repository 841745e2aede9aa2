package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Money transfers out of the caller's own account. A transfer in a foreign currency asks the
 * exchange-rate provider for the rate, which is the demo API's outbound third-party call.
 */
final class TransferRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;
    private final FxRatesClient fx;

    TransferRoutes(
            BankData bank, RequestAuth auth, AccessPolicy policy, ObjectMapper json, Clock clock, FxRatesClient fx) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
        this.fx = fx;
    }

    void register(Javalin app) {
        app.post("/api/v2/transfers", this::transfer);
    }

    private void transfer(Context ctx) throws InterruptedException {
        Caller.Person caller = auth.requireUser(ctx);
        JsonBody body = JsonBody.of(ctx, json);
        UUID fromAccountId = body.uuid("fromAccountId");
        String toIban = body.text("toIban").replace(" ", "").toUpperCase(Locale.ROOT);
        BigDecimal amount = body.positiveAmount("amount");
        String beneficiary = body.optionalText("beneficiaryName").orElse("");
        String reference = body.optionalText("reference").orElse("");
        Optional<String> currency = body.optionalText("currency").map(c -> c.toUpperCase(Locale.ROOT));
        body.require(toIban.isEmpty() || Iban.isValid(toIban), "toIban: must be a valid IBAN");
        body.require(reference.length() <= 140, "reference: must be at most 140 characters");
        body.require(
                currency.map(FxRatesServer.EUR_RATES::containsKey).orElse(true),
                "currency: must be one of "
                        + FxRatesServer.EUR_RATES.keySet().stream().sorted().toList());
        body.validate();
        Account from = bank.account(fromAccountId)
                .filter(a -> policy.canReadAccount(caller, a))
                .orElseThrow(() -> ProblemException.notFound("No account with this id."));
        if (!policy.canDebitAccount(caller, from)) {
            throw ProblemException.forbidden("Only the account owner may send money from it.");
        }
        String transferCurrency = currency.orElse(from.currency());
        BigDecimal rate = rate(transferCurrency, from.currency());
        BigDecimal debit = amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
        if (from.balance().compareTo(debit) < 0) {
            throw ProblemException.unprocessable(
                    "insufficient-funds", "Insufficient funds", "The account balance does not cover this transfer.");
        }
        Instant now = clock.instant();
        String description = reference.isEmpty() ? "Transfer to " + toIban : reference;
        Transaction booked = bank.book(
                from.id(),
                debit.negate(),
                beneficiary.isEmpty() ? toIban : beneficiary,
                toIban,
                description,
                "transfer",
                now);
        Optional<Account> internal = bank.accountByIban(toIban);
        if (internal.isPresent()) {
            BigDecimal credit = amount.multiply(
                            rate(transferCurrency, internal.get().currency()))
                    .setScale(2, RoundingMode.HALF_EVEN);
            bank.book(internal.get().id(), credit, "Incoming transfer", from.iban(), description, "transfer", now);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", bank.newId().toString());
        out.put("status", "completed");
        out.put("fromAccountId", from.id().toString());
        out.put("toIban", toIban);
        out.put("amount", amount);
        out.put("currency", transferCurrency);
        out.put("exchangeRate", transferCurrency.equals(from.currency()) ? null : rate);
        out.put("debitedAmount", debit);
        out.put("debitedCurrency", from.currency());
        out.put("transactionId", booked.id());
        out.put("createdAt", now.toString());
        ctx.status(201).json(out);
    }

    private BigDecimal rate(String from, String to) throws InterruptedException {
        if (from.equals(to)) {
            return BigDecimal.ONE;
        }
        return fx.rate(from, to)
                .orElseThrow(() -> new ProblemException(
                        502,
                        "fx-unavailable",
                        "Exchange rate unavailable",
                        "The exchange-rate provider did not answer; try again later.",
                        List.of()));
    }
}
