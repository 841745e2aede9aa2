package dev.vigil.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * Generates a realistic corpus of exchanges as Vigil JSON Lines for benchmarks: three services, a mix
 * of collection and item routes with integer, UUID, hex and slug ids, literal siblings, query
 * parameters, JWT and API-key callers, and JSON bodies of about 1 KB carrying names, emails, phone
 * numbers, addresses, card numbers and IBANs. Deterministic for a seed.
 */
public final class TrafficCorpus {
    private static final String[] FIRST = {
        "Ada", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia"
    };
    private static final String[] LAST = {
        "Lovelace", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman"
    };
    private static final String[] CITIES = {"Lisbon", "Berlin", "Austin", "Nairobi", "Osaka", "Toronto", "Lyon", "Porto"
    };
    private static final String[] SLUGS = {
        "red-running-shoes",
        "steel-water-bottle",
        "wireless-headphones",
        "oak-desk",
        "wool-scarf",
        "travel-backpack",
        "ceramic-mug",
        "led-desk-lamp",
        "yoga-mat",
        "garden-hose",
        "chess-set",
        "rain-jacket"
    };
    private static final String[] STATUS = {"pending", "paid", "shipped", "delivered", "cancelled"};

    private final JsonFactory json = new JsonFactory();
    private final Random random;
    private final String[] tokens;
    private Instant clock = Instant.parse("2026-01-05T08:00:00Z");

    public TrafficCorpus(long seed) {
        this.random = new Random(seed);
        this.tokens = new String[50];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = jwt("user-" + (1000 + i), i % 10 == 0 ? "admin" : "customer");
        }
    }

    /** Writes {@code count} exchanges, one JSON object per line. */
    public void write(long count, OutputStream out) {
        try {
            for (long i = 0; i < count; i++) {
                out.write(next());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One exchange as a JSON line (without the newline). */
    public byte[] next() throws IOException {
        clock = clock.plusMillis(1 + random.nextInt(40));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = json.createGenerator(bytes)) {
            int route = random.nextInt(100);
            String host;
            String method = "GET";
            String path;
            String requestBody = "";
            String responseBody;
            int status = 200;
            if (route < 22) {
                host = "shop.example.com";
                path = "/api/v1/users/" + (1000 + random.nextInt(5000));
                responseBody = user();
            } else if (route < 27) {
                host = "shop.example.com";
                path = "/api/v1/users/me";
                responseBody = user();
            } else if (route < 45) {
                host = "shop.example.com";
                path = "/api/v1/users/" + (1000 + random.nextInt(5000)) + "/orders/"
                        + new UUID(random.nextLong(), random.nextLong());
                responseBody = order();
            } else if (route < 55) {
                host = "shop.example.com";
                path = "/api/v1/products/" + SLUGS[random.nextInt(SLUGS.length)] + "-" + (random.nextInt(90) + 10);
                responseBody = product();
            } else if (route < 62) {
                host = "shop.example.com";
                path = "/api/v1/search";
                responseBody =
                        "{\"results\":[" + product() + "," + product() + "],\"total\":" + random.nextInt(500) + "}";
            } else if (route < 72) {
                host = "shop.example.com";
                method = "POST";
                path = "/api/v1/orders";
                requestBody = order();
                responseBody = order();
                status = 201;
            } else if (route < 82) {
                host = "payments.example.com";
                method = "POST";
                path = "/v2/payments";
                requestBody = payment();
                responseBody = "{\"id\":\"pay_" + hex(24) + "\",\"status\":\"authorized\",\"amount\":"
                        + random.nextInt(90000) + "}";
                status = random.nextInt(20) == 0 ? 402 : 201;
            } else if (route < 90) {
                host = "payments.example.com";
                path = "/v2/payments/pay_" + hex(24);
                responseBody = payment();
            } else {
                host = "partners.example.com";
                path = "/partner/v1/carts/" + hex(32) + "/items";
                responseBody = "{\"items\":[" + product() + "]}";
            }
            g.writeStartObject();
            g.writeStringField("startedAt", clock.toString());
            g.writeNumberField("durationMs", 3 + random.nextInt(200));
            g.writeStringField("source", "bench");
            g.writeStringField("clientAddress", "203.0.113." + random.nextInt(250));
            g.writeObjectFieldStart("request");
            g.writeStringField("method", method);
            String query = path.equals("/api/v1/search")
                    ? "?q=" + SLUGS[random.nextInt(SLUGS.length)] + "&limit=" + (10 + random.nextInt(40))
                    : "";
            g.writeStringField("url", "https://" + host + path + query);
            g.writeArrayFieldStart("headers");
            header(g, "Host", host);
            header(g, "User-Agent", "shop-app/4.2 (iOS 18)");
            header(g, "Accept", "application/json");
            if (host.startsWith("partners")) {
                header(g, "X-API-Key", "pk_live_" + hex(24));
            } else {
                header(g, "Authorization", "Bearer " + tokens[random.nextInt(tokens.length)]);
            }
            header(g, "X-Request-Id", new UUID(random.nextLong(), random.nextLong()).toString());
            if (!requestBody.isEmpty()) {
                header(g, "Content-Type", "application/json");
            }
            g.writeEndArray();
            g.writeStringField("body", requestBody);
            g.writeEndObject();
            g.writeObjectFieldStart("response");
            g.writeNumberField("status", status);
            g.writeArrayFieldStart("headers");
            header(g, "Content-Type", "application/json; charset=utf-8");
            header(g, "Cache-Control", "no-store");
            g.writeEndArray();
            g.writeStringField("body", responseBody);
            g.writeEndObject();
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private String user() {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        return "{\"id\":" + (1000 + random.nextInt(5000)) + ",\"firstName\":\"" + first + "\",\"lastName\":\"" + last
                + "\",\"email\":\"" + first.toLowerCase() + "." + last.toLowerCase() + random.nextInt(100)
                + "@example.org\""
                + ",\"phone\":\"+1415555" + (1000 + random.nextInt(8999)) + "\",\"dateOfBirth\":\"19"
                + (50 + random.nextInt(50))
                + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "\",\"address\":{\"street\":\""
                + (1 + random.nextInt(999))
                + " Market Street\",\"city\":\"" + CITIES[random.nextInt(CITIES.length)] + "\",\"postalCode\":\"9410"
                + random.nextInt(10)
                + "\",\"country\":\"US\"},\"loyalty\":{\"tier\":\"" + (random.nextBoolean() ? "gold" : "silver")
                + "\",\"points\":"
                + random.nextInt(100000) + "},\"createdAt\":\"2025-0" + (1 + random.nextInt(9)) + "-12T10:1"
                + random.nextInt(10)
                + ":00Z\",\"marketingOptIn\":" + random.nextBoolean()
                + ",\"roles\":[\"customer\"],\"preferences\":{\"language\":\"en\","
                + "\"currency\":\"USD\",\"newsletter\":" + random.nextBoolean() + "}}";
    }

    private String order() {
        StringBuilder items = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"sku\":\"SKU-")
                    .append(10000 + random.nextInt(90000))
                    .append("\",\"name\":\"")
                    .append(SLUGS[random.nextInt(SLUGS.length)])
                    .append("\",\"quantity\":")
                    .append(1 + random.nextInt(4))
                    .append(",\"unitPrice\":")
                    .append(random.nextInt(20000) / 100.0)
                    .append('}');
        }
        return "{\"id\":\"" + new UUID(random.nextLong(), random.nextLong()) + "\",\"status\":\""
                + STATUS[random.nextInt(STATUS.length)]
                + "\",\"items\":[" + items + "],\"shippingAddress\":{\"name\":\"" + FIRST[random.nextInt(FIRST.length)]
                + " "
                + LAST[random.nextInt(LAST.length)] + "\",\"street\":\"" + (1 + random.nextInt(999))
                + " Mission Street\",\"city\":\""
                + CITIES[random.nextInt(CITIES.length)] + "\",\"postalCode\":\"9410" + random.nextInt(10)
                + "\"},\"total\":"
                + random.nextInt(90000) / 100.0 + ",\"currency\":\"USD\",\"placedAt\":\"" + clock + "\"}";
    }

    private String product() {
        return "{\"slug\":\"" + SLUGS[random.nextInt(SLUGS.length)] + "\",\"title\":\"A very good product\",\"price\":"
                + random.nextInt(20000) / 100.0 + ",\"inStock\":" + random.nextBoolean() + ",\"rating\":"
                + (1 + random.nextInt(5))
                + ",\"tags\":[\"new\",\"popular\"]}";
    }

    private String payment() {
        return "{\"amount\":" + random.nextInt(90000) + ",\"currency\":\"EUR\",\"card\":{\"number\":\"" + card()
                + "\",\"expMonth\":" + (1 + random.nextInt(12)) + ",\"expYear\":20" + (27 + random.nextInt(5))
                + ",\"holder\":\""
                + FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]
                + "\"},\"payout\":{\"iban\":\""
                + iban() + "\"},\"description\":\"Order payment\",\"metadata\":{\"orderId\":\""
                + new UUID(random.nextLong(), random.nextLong()) + "\"}}";
    }

    /** A Luhn-valid Visa test-range number. */
    private String card() {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 14; i >= 0; i--) {
            int v = d[i];
            if ((14 - i) % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder s = new StringBuilder();
        for (int v : d) {
            s.append(v);
        }
        return s.toString();
    }

    /** A mod-97-valid German IBAN. */
    private String iban() {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(random.nextInt(10));
        }
        String rearranged = bban + "131400"; // "DE" = 13 14, check digits 00
        int mod = 0;
        for (char c : rearranged.toCharArray()) {
            mod = (mod * 10 + (c - '0')) % 97;
        }
        int check = 98 - mod;
        return "DE" + (check < 10 ? "0" : "") + check + bban;
    }

    private String hex(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String jwt(String sub, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String claims = b64.encodeToString(
                ("{\"sub\":\"" + sub + "\",\"iss\":\"https://id.example.com\",\"aud\":\"shop\",\"roles\":[\"" + role
                                + "\"],\"exp\":1893456000}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(new byte[64]);
    }

    private static void header(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }
}
