package dev.vigil.scan;

import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.TestServer.Res;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small shop for the business-flow checks: wallets with a balance, orders that move through
 * {@code pending → paid → shipped}, and an independent action ({@code favorite}). Each flaw is
 * switchable; with none, and with the harmless {@link Variant}s, it is a safe twin.
 */
public final class ShopApi implements AutoCloseable {
    public enum Flaw {
        /** An unpaid order can be shipped. */
        SHIP_UNPAID,
        /** Paying a paid order debits the wallet again. */
        PAY_TWICE,
        /** An order may reserve money on any wallet, not only the caller's. */
        FOREIGN_WALLET
    }

    /** Safe behaviours that look suspicious to a naive check. */
    public enum Variant {
        /** Paying a paid order answers 200 with the order again, without a second debit. */
        IDEMPOTENT_PAY,
        /** A foreign walletId answers 201 but the order uses the caller's own wallet. */
        IGNORE_FOREIGN_WALLET
    }

    /** The spec; {@code readableOrders} false leaves out {@code GET /orders/{orderId}} (no inference possible). */
    public static String spec(boolean readableOrders) {
        return """
                openapi: 3.0.3
                info: {title: shop, version: "1"}
                security: [{bearer: []}]
                paths:
                  /wallets:
                    get: {responses: {"200": {description: ok}}}
                  /wallets/{walletId}:
                    get:
                      parameters: [{name: walletId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                  /orders:
                    post:
                      requestBody: {content: {application/json: {schema: {type: object, properties: {walletId: {type: integer, example: 1}, amount: {type: integer, example: 5}}}}}}
                      responses: {"201": {description: created}}
                """ + (readableOrders ? """
                  /orders/{orderId}:
                    get:
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                """ : "") + """
                  /orders/{orderId}/pay:
                    post:
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                  /orders/{orderId}/ship:
                    post:
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                  /orders/{orderId}/notes:
                    get:
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                    post:
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      requestBody: {content: {application/json: {schema: {type: object, properties: {text: {type: string, example: hi}}}}}}
                      responses: {"201": {description: created}}
                  /orders/{orderId}/favorite:
                    post:
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                components:
                  securitySchemes: {bearer: {type: http, scheme: bearer}}
                """;
    }

    public static final String IDENTITIES = """
            identities:
              - {name: ann, auth: {type: bearer, token: token-ann}}
              - {name: ben, auth: {type: bearer, token: token-ben}}
            """;

    private static final Pattern WALLET = Pattern.compile("/wallets/(\\d+)");
    private static final Pattern ORDER = Pattern.compile("/orders/(\\d+)(?:/(pay|ship|favorite|notes))?");
    private static final Pattern FIELD = Pattern.compile("\"(walletId|amount)\"\\s*:\\s*\"?(\\d+)");

    private record Wallet(int id, String owner, int balance, int reserved) {}

    private record Order(int id, String owner, int walletId, int amount, String status, boolean favorite) {}

    private final Set<Flaw> flaws;
    private final Set<Variant> variants;
    private final Map<Integer, Wallet> wallets = new ConcurrentHashMap<>();
    private final Map<Integer, Order> orders = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> notes = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(100);
    private final TestServer server;

    public ShopApi(Set<Flaw> flaws, Set<Variant> variants) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.variants = variants.isEmpty() ? EnumSet.noneOf(Variant.class) : EnumSet.copyOf(variants);
        wallets.put(11, new Wallet(11, "ann", 10_000, 0));
        wallets.put(12, new Wallet(12, "ben", 10_000, 0));
        server = new TestServer(this::handle);
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    private synchronized Res handle(Req req) {
        String auth = req.header("authorization");
        String user = auth.equals("Bearer token-ann") ? "ann" : auth.equals("Bearer token-ben") ? "ben" : null;
        if (user == null) {
            return Res.json(401, "{\"title\":\"unauthorized\"}");
        }
        if (req.path().equals("/wallets") && req.method().equals("GET")) {
            StringBuilder b = new StringBuilder("{\"items\":[");
            wallets.values().stream().filter(w -> w.owner().equals(user)).forEach(w -> b.append(
                            b.charAt(b.length() - 1) == '[' ? "" : ",")
                    .append(json(w)));
            return Res.json(200, b.append("]}").toString());
        }
        Matcher w = WALLET.matcher(req.path());
        if (w.matches() && req.method().equals("GET")) {
            Wallet wallet = wallets.get(Integer.parseInt(w.group(1)));
            return wallet == null || !wallet.owner().equals(user)
                    ? Res.json(404, "{\"title\":\"not found\"}")
                    : Res.json(200, json(wallet));
        }
        if (req.path().equals("/orders") && req.method().equals("POST")) {
            return create(user, req.body());
        }
        Matcher o = ORDER.matcher(req.path());
        if (!o.matches()) {
            return Res.json(404, "{\"title\":\"not found\"}");
        }
        Order order = orders.get(Integer.parseInt(o.group(1)));
        if (order == null || !order.owner().equals(user)) {
            return Res.json(404, "{\"title\":\"not found\"}");
        }
        String action = o.group(2);
        if (action == null) {
            return req.method().equals("GET") ? Res.json(200, json(order)) : Res.json(405, "{}");
        }
        if (action.equals("notes")) {
            // a sub-collection: adding a note again is meant to add another one
            if (req.method().equals("POST")) {
                notes.merge(order.id(), 1, Integer::sum);
                return Res.json(201, "{\"id\":" + next.incrementAndGet() + "}");
            }
            int n = notes.getOrDefault(order.id(), 0);
            return Res.json(200, "{\"items\":[" + "{\"text\":\"hi\"},".repeat(n).replaceAll(",$", "") + "]}");
        }
        if (!req.method().equals("POST")) {
            return Res.json(405, "{}");
        }
        return switch (action) {
            case "pay" -> pay(order);
            case "ship" -> {
                boolean ok = order.status().equals("paid")
                        || (order.status().equals("pending") && flaws.contains(Flaw.SHIP_UNPAID));
                if (!ok) {
                    yield Res.json(409, "{\"title\":\"order is " + order.status() + "\"}");
                }
                yield Res.json(200, json(put(order, "shipped", order.favorite())));
            }
            default -> Res.json(200, json(put(order, order.status(), true)));
        };
    }

    private Res create(String user, String body) {
        int walletId = -1;
        int amount = -1;
        Matcher f = FIELD.matcher(body);
        while (f.find()) {
            if (f.group(1).equals("walletId")) {
                walletId = Integer.parseInt(f.group(2));
            } else {
                amount = Integer.parseInt(f.group(2));
            }
        }
        Wallet wallet = wallets.get(walletId);
        if (wallet == null || amount <= 0) {
            return Res.json(400, "{\"title\":\"walletId and amount required\"}");
        }
        if (!wallet.owner().equals(user)) {
            if (variants.contains(Variant.IGNORE_FOREIGN_WALLET)) {
                wallet = wallets.values().stream()
                        .filter(x -> x.owner().equals(user))
                        .findFirst()
                        .orElseThrow();
            } else if (!flaws.contains(Flaw.FOREIGN_WALLET)) {
                return Res.json(404, "{\"title\":\"no such wallet\"}");
            }
        }
        wallets.put(wallet.id(), new Wallet(wallet.id(), wallet.owner(), wallet.balance(), wallet.reserved() + amount));
        Order order = new Order(next.incrementAndGet(), user, wallet.id(), amount, "pending", false);
        orders.put(order.id(), order);
        return Res.json(201, json(order)).with("Location", "/orders/" + order.id());
    }

    private Res pay(Order order) {
        if (!order.status().equals("pending")) {
            if (order.status().equals("paid") && flaws.contains(Flaw.PAY_TWICE)) {
                debit(order);
                return Res.json(200, json(order));
            }
            if (order.status().equals("paid") && variants.contains(Variant.IDEMPOTENT_PAY)) {
                return Res.json(200, json(order));
            }
            return Res.json(409, "{\"title\":\"order is " + order.status() + "\"}");
        }
        debit(order);
        return Res.json(200, json(put(order, "paid", order.favorite())));
    }

    private void debit(Order order) {
        Wallet w = wallets.get(order.walletId());
        wallets.put(w.id(), new Wallet(w.id(), w.owner(), w.balance() - order.amount(), w.reserved()));
    }

    private Order put(Order o, String status, boolean favorite) {
        Order n = new Order(o.id(), o.owner(), o.walletId(), o.amount(), status, favorite);
        orders.put(n.id(), n);
        return n;
    }

    private static String json(Wallet w) {
        return "{\"id\":" + w.id() + ",\"owner\":\"" + w.owner() + "\",\"balance\":" + w.balance() + ",\"reserved\":"
                + w.reserved() + "}";
    }

    private static String json(Order o) {
        return "{\"id\":" + o.id() + ",\"walletId\":" + o.walletId() + ",\"amount\":" + o.amount() + ",\"status\":\""
                + o.status() + "\",\"favorite\":" + o.favorite() + "}";
    }

    @Override
    public void close() {
        server.close();
    }
}
