package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Accounts, their transactions and the transaction search, all scoped to what the caller may read. */
final class AccountRoutes {

    private static final Set<String> ACCOUNT_TYPES = Set.of("checking", "savings");

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;

    AccountRoutes(BankData bank, RequestAuth auth, AccessPolicy policy, ObjectMapper json, Clock clock) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/api/v2/accounts", this::list);
        app.post("/api/v2/accounts", this::open);
        app.get("/api/v2/accounts/{accountId}", this::get);
        app.get("/api/v2/accounts/{accountId}/transactions", this::transactions);
        app.get("/api/v2/accounts/{accountId}/transactions/{transactionId}", this::transaction);
        app.get("/api/v2/transactions/search", this::search);
    }

    private void list(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        ctx.json(ApiViews.ListView.of(
                bank.accountsOf(caller.userId()).stream().map(this::view).toList()));
    }

    private void open(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        JsonBody body = JsonBody.of(ctx, json);
        String type = body.text("type").toLowerCase(Locale.ROOT);
        body.require(type.isEmpty() || ACCOUNT_TYPES.contains(type), "type: must be checking or savings");
        String nickname = body.optionalText("nickname").orElse(type.equals("savings") ? "Savings" : "Checking");
        body.require(nickname.length() <= 40, "nickname: must be at most 40 characters");
        body.validate();
        Tenant tenant = bank.tenant(caller.tenantId()).orElseThrow();
        Account account = new Account(
                bank.newId(),
                tenant.id(),
                caller.userId(),
                bank.newIban(tenant.country()),
                tenant.currency(),
                type,
                nickname,
                BigDecimal.ZERO.setScale(2),
                clock.instant());
        bank.put(account);
        ctx.status(201).header("Location", "/api/v2/accounts/" + account.id()).json(view(account));
    }

    private void get(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        ctx.json(view(readable(caller, PathParams.uuid(ctx, "accountId"))));
    }

    private void transactions(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        Account account = readable(caller, PathParams.uuid(ctx, "accountId"));
        int limit = PathParams.limit(ctx, 50, policy.maxPageSize());
        ctx.json(ApiViews.ListView.of(bank.transactionsOf(account.id()).stream()
                .limit(limit)
                .map(ApiViews.TransactionView::of)
                .toList()));
    }

    private void transaction(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        Account account = readable(caller, PathParams.uuid(ctx, "accountId"));
        long transactionId = PathParams.integer(ctx, "transactionId");
        // The transaction must belong to the account in the path, or any id could be read through any account.
        Transaction transaction = bank.transaction(transactionId)
                .filter(t -> t.accountId().equals(account.id()))
                .orElseThrow(() -> ProblemException.notFound("No transaction with this id on this account."));
        ctx.json(ApiViews.TransactionView.of(transaction));
    }

    private void search(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        List<String> violations = new ArrayList<>();
        String q =
                ctx.queryParamAsClass("q", String.class).getOrDefault("").trim().toLowerCase(Locale.ROOT);
        if (q.length() > 100) {
            violations.add("q: must be at most 100 characters");
        }
        LocalDate from = date(ctx, "from", LocalDate.MIN, violations);
        LocalDate to = date(ctx, "to", LocalDate.MAX, violations);
        if (from.isAfter(to)) {
            violations.add("from: must not be after to");
        }
        int limit;
        try {
            limit = PathParams.limit(ctx, 20, policy.maxPageSize());
        } catch (ProblemException e) {
            violations.addAll(e.violations());
            limit = 0;
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (policy.searchConcatenatesQuery()) {
            SimulatedSqlFilter.evaluate(q);
        }
        List<ApiViews.TransactionView> hits = bank.accountsOf(caller.userId()).stream()
                .flatMap(a -> bank.transactionsOf(a.id()).stream())
                .filter(t -> q.isEmpty()
                        || t.description().toLowerCase(Locale.ROOT).contains(q)
                        || t.counterpartyName().toLowerCase(Locale.ROOT).contains(q)
                        || t.category().equals(q))
                .filter(t -> {
                    LocalDate day = t.bookedAt().atOffset(ZoneOffset.UTC).toLocalDate();
                    return !day.isBefore(from) && !day.isAfter(to);
                })
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .limit(limit)
                .map(ApiViews.TransactionView::of)
                .toList();
        ctx.json(ApiViews.ListView.of(hits));
    }

    /** The account if the caller may read it; otherwise 404 so account ids cannot be probed. */
    Account readable(Caller.Person caller, UUID accountId) {
        return bank.account(accountId)
                .filter(a -> policy.canReadAccount(caller, a))
                .orElseThrow(() -> ProblemException.notFound("No account with this id."));
    }

    ApiViews.AccountView view(Account account) {
        return ApiViews.AccountView.of(account, bank.tenant(account.tenantId()).orElseThrow());
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback, List<String> violations) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            violations.add(name + ": must be a date such as 2026-01-31");
            return fallback;
        }
    }
}
