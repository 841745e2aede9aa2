package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Payment orders, a three-step flow: order ({@code POST /payments}, pending confirmation), confirm,
 * execute (the debit). Each step checks the order's state, so none can be skipped or repeated;
 * the account to debit must be the caller's own. Orders from {@link #APPROVAL_THRESHOLD} on need a
 * fourth step between confirm and execute: approval by a second person, staff of the account's
 * bank ({@code POST /payments/{id}/approve}). {@link AccessPolicy} decides each of these.
 */
final class PaymentRoutes {

    /** A payment may take an account this far below zero (an arranged overdraft). */
    static final BigDecimal OVERDRAFT = new BigDecimal("500.00");

    /** Orders of this amount or more need a second person's approval after confirmation. */
    static final BigDecimal APPROVAL_THRESHOLD = new BigDecimal("10000.00");

    private final BankData bank;
    private final PaymentOrders orders;
    private final AuditLog audit;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;

    PaymentRoutes(
            BankData bank,
            PaymentOrders orders,
            AuditLog audit,
            RequestAuth auth,
            AccessPolicy policy,
            ObjectMapper json,
            Clock clock) {
        this.bank = bank;
        this.orders = orders;
        this.audit = audit;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.post("/api/v2/payments", this::order);
        app.get("/api/v2/payments/{paymentId}", this::get);
        app.post("/api/v2/payments/{paymentId}/confirm", this::confirm);
        app.post("/api/v2/payments/{paymentId}/approve", this::approve);
        app.post("/api/v2/payments/{paymentId}/execute", this::execute);
        app.get("/api/v2/accounts/{accountId}/payments", this::ofAccount);
    }

    private void order(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        JsonBody body = JsonBody.of(ctx, json);
        UUID fromAccountId = body.uuid("fromAccountId");
        String toIban = body.text("toIban").replace(" ", "").toUpperCase(Locale.ROOT);
        BigDecimal amount = body.positiveAmount("amount");
        String reference = body.optionalText("reference").orElse("");
        body.require(toIban.isEmpty() || Iban.isValid(toIban), "toIban: must be a valid IBAN");
        body.require(reference.length() <= 140, "reference: must be at most 140 characters");
        body.validate();
        Account from = bank.account(fromAccountId)
                .filter(a -> policy.mayOrderPaymentFrom(caller, a))
                .orElseThrow(() -> ProblemException.notFound("No account with this id."));
        PaymentOrder order = new PaymentOrder(
                bank.newId(),
                caller.userId(),
                from.id(),
                toIban,
                amount.setScale(2, java.math.RoundingMode.HALF_EVEN),
                reference,
                PaymentOrder.PENDING,
                clock.instant());
        orders.put(order);
        audit.record(
                caller.tenantId(),
                caller.userId().toString(),
                "payment.ordered",
                order.id().toString(),
                clock.instant());
        ctx.status(201).header("Location", "/api/v2/payments/" + order.id()).json(view(order));
    }

    private void get(Context ctx) {
        ctx.json(view(mine(ctx, auth.requireUser(ctx))));
    }

    private void confirm(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        PaymentOrder order = mine(ctx, caller);
        if (!order.status().equals(PaymentOrder.PENDING)) {
            throw conflict(order);
        }
        PaymentOrder confirmed = order.withStatus(
                order.amount().compareTo(APPROVAL_THRESHOLD) >= 0
                        ? PaymentOrder.AWAITING_APPROVAL
                        : PaymentOrder.CONFIRMED);
        orders.put(confirmed);
        audit.record(
                caller.tenantId(),
                caller.userId().toString(),
                "payment.confirmed",
                order.id().toString(),
                clock.instant());
        ctx.json(view(confirmed));
    }

    /**
     * Four eyes: staff of the account's bank approve a large order, never the person who ordered it
     * (vulnerable: the orderer may approve it too). Anyone else does not see the order (404).
     */
    private void approve(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        PaymentOrder order = orders.order(PathParams.uuid(ctx, "paymentId"))
                .filter(o -> o.orderedBy().equals(caller.userId())
                        || bank.account(o.accountId())
                                .filter(a -> policy.isStaffOf(caller, a.tenantId()))
                                .isPresent())
                .orElseThrow(() -> ProblemException.notFound("No payment with this id."));
        if (order.orderedBy().equals(caller.userId()) && !policy.mayApproveOwnPayment()) {
            throw new ProblemException(
                    403,
                    "four-eyes",
                    "Approval by another person required",
                    "A payment cannot be approved by the person who ordered it.",
                    List.of());
        }
        if (!order.status().equals(PaymentOrder.AWAITING_APPROVAL)) {
            throw conflict(order);
        }
        PaymentOrder approved = order.withStatus(PaymentOrder.CONFIRMED);
        orders.put(approved);
        audit.record(
                caller.tenantId(),
                caller.userId().toString(),
                "payment.approved",
                order.id().toString(),
                clock.instant());
        ctx.json(view(approved));
    }

    private void execute(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        PaymentOrder order = mine(ctx, caller);
        boolean allowed = order.status().equals(PaymentOrder.CONFIRMED)
                || (order.status().equals(PaymentOrder.PENDING) && policy.mayExecuteUnconfirmedPayment())
                || (order.status().equals(PaymentOrder.EXECUTED) && policy.mayExecutePaymentAgain());
        if (!allowed) {
            throw conflict(order);
        }
        Account account = bank.account(order.accountId())
                .orElseThrow(() -> ProblemException.notFound("The account of this payment no longer exists."));
        if (account.balance().subtract(order.amount()).compareTo(OVERDRAFT.negate()) < 0) {
            throw ProblemException.unprocessable(
                    "insufficient-funds", "Insufficient funds", "The account cannot cover this payment.");
        }
        Instant now = clock.instant();
        String description = order.reference().isEmpty() ? "Payment to " + order.toIban() : order.reference();
        bank.book(account.id(), order.amount().negate(), order.toIban(), order.toIban(), description, "transfer", now);
        PaymentOrder executed = order.withStatus(PaymentOrder.EXECUTED);
        orders.put(executed);
        audit.record(
                caller.tenantId(),
                caller.userId().toString(),
                "payment.executed",
                order.id().toString(),
                now);
        ctx.json(view(executed));
    }

    private void ofAccount(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        Account account = bank.account(PathParams.uuid(ctx, "accountId"))
                .filter(a -> policy.canListPayments(caller, a))
                .orElseThrow(() -> ProblemException.notFound("No account with this id."));
        ctx.json(ApiViews.ListView.of(
                orders.ofAccount(account.id()).stream().map(PaymentRoutes::view).toList()));
    }

    /** The order, if the caller ordered it; otherwise 404 so order ids cannot be probed. */
    private PaymentOrder mine(Context ctx, Caller.Person caller) {
        return orders.order(PathParams.uuid(ctx, "paymentId"))
                .filter(o -> o.orderedBy().equals(caller.userId()))
                .orElseThrow(() -> ProblemException.notFound("No payment with this id."));
    }

    private static ProblemException conflict(PaymentOrder order) {
        return new ProblemException(
                409,
                "payment-state",
                "Payment is " + order.status(),
                "This step is not possible for a payment that is " + order.status() + ".",
                List.of());
    }

    static Map<String, Object> view(PaymentOrder o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", o.id().toString());
        out.put("fromAccountId", o.accountId().toString());
        out.put("toIban", o.toIban());
        out.put("amount", o.amount());
        out.put("reference", o.reference());
        out.put("status", o.status());
        out.put("createdAt", o.createdAt().toString());
        return out;
    }
}
