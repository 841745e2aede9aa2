package dev.vigil.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.TestServer.Res;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bank API for engine tests, with each flaw switchable: with no flaw enabled it is the
 * safe twin every check must stay quiet on.
 */
public final class MiniBank implements AutoCloseable {
    public enum Flaw {
        BOLA,
        BFLA,
        JWT_ALG_NONE,
        JWT_SIGNATURE_NOT_VERIFIED,
        JWT_EXPIRY_IGNORED,
        EXCESSIVE_DATA,
        MASS_ASSIGNMENT,
        CORS_REFLECT,
        NO_NOSNIFF,
        STACK_TRACE,
        SQL_ERROR,
        SQL_BOOLEAN,
        PATH_TRAVERSAL,
        SSRF,
        NO_RATE_LIMIT,
        AUTH_MISSING_ON_REPORTS,
        TEMPLATE_INJECTION,
        NOSQL_OPERATOR,
        /** /files runs "cat name" through a shell: a "sleep N" after a separator delays the answer. */
        COMMAND_INJECTION,
        /** PATCH /me also takes XML, parsed with the JDK's defaults (external entities resolved). */
        XXE
    }

    private static final java.util.regex.Pattern SHELL_SLEEP =
            java.util.regex.Pattern.compile("(?:;|\\||\\$\\(|`)\\s*sleep\\s+(\\d+)");

    /** {{a*b}} and ${a*b}: what a template engine would compute when input becomes part of a template. */
    private static final java.util.regex.Pattern TEMPLATE_PRODUCT =
            java.util.regex.Pattern.compile("(?:\\{\\{|\\$\\{)\\s*(\\d+)\\s*\\*\\s*(\\d+)\\s*}}?");

    public static final String SPEC = """
            openapi: 3.0.3
            info: {title: MiniBank, version: "1"}
            security: [{bearer: []}]
            paths:
              /login:
                post:
                  security: []
                  requestBody: {content: {application/json: {schema: {type: object, properties: {username: {type: string}, password: {type: string}}}}}}
                  responses: {"200": {description: ok}}
              /me:
                get: {responses: {"200": {description: ok}}}
                patch:
                  requestBody: {content: {application/json: {schema: {type: object, properties: {displayName: {type: string, example: Al}}}}}}
                  responses: {"200": {description: ok}}
              /accounts:
                get: {responses: {"200": {description: ok}}}
              /accounts/{accountId}:
                get:
                  parameters: [{name: accountId, in: path, required: true, schema: {type: integer}}]
                  responses: {"200": {description: ok}}
              /admin/users:
                get: {responses: {"200": {description: ok}}}
              /search:
                get:
                  parameters: [{name: q, in: query, required: true, schema: {type: string, example: acc}}]
                  responses: {"200": {description: ok}}
              /files:
                get:
                  parameters: [{name: name, in: query, required: true, schema: {type: string, example: readme.txt}}]
                  responses: {"200": {description: ok}}
              /preview:
                get:
                  parameters: [{name: url, in: query, required: true, schema: {type: string, example: "https://example.com/"}}]
                  responses: {"200": {description: ok}}
              /health:
                get:
                  security: []
                  responses: {"200": {description: ok}}
              /reports/summary:
                get: {responses: {"200": {description: ok}}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;

    public static final String IDENTITIES = """
            roles: {customer: 1, admin: 3}
            identities:
              - name: alice
                roles: [customer]
                auth:
                  type: login
                  vars: {password: "alice-pw"}
                  steps: [{url: /login, body: {username: alice, password: "${password}"}, extract: {token: {from: body, pointer: /token}}}]
              - name: bob
                roles: [customer]
                auth:
                  type: login
                  vars: {password: "bob-pw"}
                  steps: [{url: /login, body: {username: bob, password: "${password}"}, extract: {token: {from: body, pointer: /token}}}]
              - name: root
                roles: [admin]
                auth:
                  type: login
                  vars: {password: "root-pw"}
                  steps: [{url: /login, body: {username: root, password: "${password}"}, extract: {token: {from: body, pointer: /token}}}]
            access:
              - {operation: "* /admin/**", minRole: admin}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "minibank-test-signing-key-0123456789abcdef".getBytes();
    private static final Map<String, String> PASSWORDS =
            Map.of("alice", "alice-pw", "bob", "bob-pw", "root", "root-pw");
    private static final Map<String, Integer> USER_IDS = Map.of("alice", 1, "bob", 2, "root", 3);

    private final Set<Flaw> flaws;
    private final TestServer server;
    private final Map<Integer, ObjectNode> accounts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> profiles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    public MiniBank(Set<Flaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        account(101, "alice", 500);
        account(102, "alice", 20);
        account(201, "bob", 900);
        account(301, "root", 1);
        for (String u : PASSWORDS.keySet()) {
            ObjectNode p = JSON.createObjectNode();
            p.put("id", USER_IDS.get(u));
            p.put("username", u);
            p.put("role", u.equals("root") ? "admin" : "customer");
            p.put("displayName", u);
            profiles.put(u, p);
        }
        server = new TestServer(this::handle);
    }

    public static MiniBank vulnerable() {
        return new MiniBank(EnumSet.allOf(Flaw.class));
    }

    public static MiniBank safe() {
        return new MiniBank(Set.of());
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    public int requestCount() {
        return server.requestCount();
    }

    public List<Req> seen() {
        return server.seen();
    }

    private void account(int id, String owner, int balance) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", id);
        a.put("owner", owner);
        a.put("balance", balance);
        a.put("iban", "DE89370400440532013" + id);
        accounts.put(id, a);
    }

    private volatile java.util.function.Consumer<Duration> clockAdvance = d -> {};
    private volatile java.util.function.Function<Req, Duration> latency = r -> Duration.ZERO;

    /**
     * Time without waiting: each request "takes" {@code latency} plus any shell sleep it triggers,
     * by advancing the clock the scanner measures with instead of sleeping.
     */
    public MiniBank timed(
            java.util.function.Consumer<Duration> advance, java.util.function.Function<Req, Duration> perRequest) {
        this.clockAdvance = advance;
        this.latency = perRequest;
        return this;
    }

    private Res handle(Req req) {
        if (req.body().length() > 64 * 1024) {
            // a body limit, as real servers have: oversized-body-accepted must stay quiet on every twin
            return Res.json(413, "{\"error\":\"payload too large\"}");
        }
        Duration took = latency.apply(req);
        if (flaws.contains(Flaw.COMMAND_INJECTION) && req.path().equals("/files")) {
            var m = SHELL_SLEEP.matcher(req.queryParam("name"));
            if (m.find()) {
                took = took.plusSeconds(Long.parseLong(m.group(1)));
            }
        }
        if (!took.isZero()) {
            clockAdvance.accept(took);
        }
        Res res = route(req);
        String origin = req.header("origin");
        if (!origin.isEmpty()) {
            if (flaws.contains(Flaw.CORS_REFLECT)) {
                res = res.with("Access-Control-Allow-Origin", origin).with("Access-Control-Allow-Credentials", "true");
            } else if (origin.equals("https://app.minibank.test")) {
                res = res.with("Access-Control-Allow-Origin", origin).with("Access-Control-Allow-Credentials", "true");
            }
        }
        if (!flaws.contains(Flaw.NO_NOSNIFF)) {
            res = res.with("X-Content-Type-Options", "nosniff");
        }
        return res;
    }

    private Res route(Req req) {
        String path = req.path();
        if (path.equals("/login") && req.method().equals("POST")) {
            return login(req);
        }
        if (path.equals("/health")) {
            return Res.json(200, "{\"status\":\"up\"}");
        }
        if (path.equals("/reports/summary") && flaws.contains(Flaw.AUTH_MISSING_ON_REPORTS)) {
            return Res.json(200, "{\"accounts\":4,\"total\":1421}");
        }
        String user = authenticate(req);
        if (user == null) {
            return Res.json(401, "{\"title\":\"unauthorized\"}");
        }
        if (!flaws.contains(Flaw.NO_RATE_LIMIT)
                // a flood limiter: more than 20 identical requests per caller are refused (keeps the
                // many distinct probes of a scan apart from a burst)
                && calls.computeIfAbsent(
                                        user + " " + req.method() + " " + path + "?" + req.query() + " " + req.body(),
                                        k -> new AtomicInteger())
                                .incrementAndGet()
                        > 20) {
            return Res.json(429, "{\"title\":\"slow down\"}").with("Retry-After", "60");
        }
        String profileUser = user;
        return switch (path) {
            case "/me" ->
                !req.method().equals("PATCH")
                        ? Res.json(200, profile(profileUser))
                        : req.header("content-type").contains("xml")
                                ? patchMeXml(user, req.body())
                                : patchMe(user, req.body());
            case "/accounts" -> Res.json(200, listAccounts(user));
            case "/reports/summary" -> Res.json(200, "{\"accounts\":4,\"total\":1421}");
            case "/admin/users" -> {
                if (!user.equals("root") && !flaws.contains(Flaw.BFLA)) {
                    yield Res.json(403, "{\"title\":\"forbidden\"}");
                }
                yield Res.json(200, "{\"users\":[\"alice\",\"bob\",\"root\"],\"count\":3}");
            }
            case "/search" -> search(user, req);
            case "/files" -> files(req.queryParam("name"));
            case "/preview" -> preview(req.queryParam("url"));
            default ->
                path.startsWith("/accounts/")
                        ? account(user, path.substring("/accounts/".length()))
                        : Res.json(404, "{}");
        };
    }

    private String profile(String user) {
        ObjectNode p = profiles.get(user).deepCopy();
        if (flaws.contains(Flaw.EXCESSIVE_DATA)) {
            p.put("password_hash", "$2a$10$abcdefghijklmnopqrstuv");
        }
        return p.toString();
    }

    private Res patchMe(String user, String body) {
        try {
            JsonNode in = JSON.readTree(body);
            ObjectNode p = profiles.get(user);
            if (in.has("displayName")) {
                String name = in.get("displayName").asText();
                if (flaws.contains(Flaw.TEMPLATE_INJECTION)) {
                    name = TEMPLATE_PRODUCT
                            .matcher(name)
                            .replaceAll(m -> Long.toString(Long.parseLong(m.group(1)) * Long.parseLong(m.group(2))));
                }
                p.put("displayName", name);
            }
            if (flaws.contains(Flaw.MASS_ASSIGNMENT) && in.has("role")) {
                p.put("role", in.get("role").asText());
            }
            return Res.json(200, profile(user));
        } catch (Exception e) {
            return Res.json(400, "{\"title\":\"bad body\"}");
        }
    }

    /** The safe twin parses XML too, but with DTDs disallowed, as a hardened parser does. */
    private Res patchMeXml(String user, String body) {
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            if (!flaws.contains(Flaw.XXE)) {
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            }
            var doc = factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            var names = doc.getElementsByTagName("displayName");
            if (names.getLength() > 0) {
                profiles.get(user).put("displayName", names.item(0).getTextContent());
            }
            return Res.json(200, profile(user));
        } catch (Exception e) {
            return Res.json(400, "{\"title\":\"bad body\"}");
        }
    }

    private String listAccounts(String user) {
        var arr = JSON.createArrayNode();
        accounts.values().stream()
                .filter(a -> a.get("owner").asText().equals(user))
                .sorted((a, b) -> a.get("id").asInt() - b.get("id").asInt())
                .forEach(arr::add);
        ObjectNode out = JSON.createObjectNode();
        out.set("items", arr);
        out.put("generatedAt", Instant.now().toString());
        return out.toString();
    }

    private Res account(String user, String rawId) {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            if (flaws.contains(Flaw.STACK_TRACE)) {
                return new Res(
                        500,
                        Map.of("Content-Type", "text/plain"),
                        "java.lang.NumberFormatException: For input string: \"" + rawId + "\"\n"
                                + "\tat java.base/java.lang.Long.parseLong(Long.java:711)\n"
                                + "\tat dev.minibank.AccountRoutes.get(AccountRoutes.java:42)\n");
            }
            return Res.json(400, "{\"title\":\"accountId must be a number\"}");
        }
        ObjectNode a = accounts.get((int) id);
        if (a == null || (!a.get("owner").asText().equals(user) && !flaws.contains(Flaw.BOLA))) {
            return Res.json(404, "{\"title\":\"not found\"}");
        }
        ObjectNode copy = a.deepCopy();
        copy.put("servedAt", Instant.now().toString());
        return Res.json(200, copy.toString());
    }

    /** With NOSQL_OPERATOR, q[$eq]=x and q[$ne]=x reach the pretend query as operators (as a qs-style parser would). */
    private Res search(String user, Req req) {
        if (flaws.contains(Flaw.NOSQL_OPERATOR)) {
            String eq = req.queryParam("q%5B%24eq%5D");
            String ne = req.queryParam("q%5B%24ne%5D");
            if (!eq.isEmpty()) {
                return search(user, eq, false);
            }
            if (!ne.isEmpty()) {
                return search(user, ne, true);
            }
        }
        return search(user, req.queryParam("q"), false);
    }

    private Res search(String user, String q, boolean negated) {
        // a pretend query: SELECT * FROM accounts WHERE owner = :user AND iban LIKE '%q%'
        if (flaws.contains(Flaw.SQL_ERROR) && (q.chars().filter(c -> c == '\'').count() % 2 == 1 || q.contains("\""))) {
            return Res.json(
                    500, "{\"error\":\"org.h2.jdbc.JdbcSQLSyntaxErrorException: Syntax error in SQL statement\"}");
        }
        boolean always = flaws.contains(Flaw.SQL_BOOLEAN) && (q.endsWith("' OR '1'='1") || q.endsWith(" OR 1=1"));
        boolean never = flaws.contains(Flaw.SQL_BOOLEAN) && (q.endsWith("' AND '1'='2") || q.endsWith(" AND 1=2"));
        String needle = q.equals("acc") ? "" : q;
        var arr = JSON.createArrayNode();
        accounts.values().stream()
                .filter(a -> a.get("owner").asText().equals(user))
                .filter(a -> !never && (always || a.get("iban").asText().contains(needle) != negated))
                .sorted((a, b) -> a.get("id").asInt() - b.get("id").asInt())
                .forEach(a -> arr.add(a.get("id").asInt()));
        return Res.json(200, "{\"matches\":" + arr + "}");
    }

    private Res files(String name) {
        if (name.equals("readme.txt")) {
            return new Res(200, Map.of("Content-Type", "text/plain"), "MiniBank read me");
        }
        if (flaws.contains(Flaw.PATH_TRAVERSAL)
                && name.replace("%2f", "/").contains("../")
                && name.endsWith("etc/passwd")) {
            return new Res(200, Map.of("Content-Type", "text/plain"), "root:x:0:0:root:/root:/bin/bash\n");
        }
        return Res.json(404, "{\"title\":\"no such file\"}");
    }

    private Res preview(String url) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Res.json(400, "{\"title\":\"bad url\"}");
        }
        if (!flaws.contains(Flaw.SSRF) && !"example.com".equals(target.getHost())) {
            return Res.json(400, "{\"title\":\"host not allowed\"}");
        }
        if ("example.com".equals(target.getHost())) {
            return Res.json(200, "{\"title\":\"Example Domain\"}");
        }
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Res.json(200, "{\"fetched\":" + r.statusCode() + "}");
        } catch (Exception e) {
            return Res.json(502, "{\"title\":\"fetch failed\"}");
        }
    }

    private Res login(Req req) {
        try {
            JsonNode in = JSON.readTree(req.body());
            String user = in.path("username").asText();
            if (!PASSWORDS
                    .getOrDefault(user, "\u0000")
                    .equals(in.path("password").asText())) {
                return Res.json(401, "{\"title\":\"bad credentials\"}");
            }
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(user)
                    .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(KEY));
            return Res.json(200, "{\"token\":\"" + jwt.serialize() + "\"}");
        } catch (Exception e) {
            return Res.json(400, "{}");
        }
    }

    /** The user of a valid token, or null. Flaws loosen exactly one rule each. */
    private String authenticate(Req req) {
        String h = req.header("authorization");
        if (!h.startsWith("Bearer ")) {
            return null;
        }
        String token = h.substring(7);
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode header = JSON.readTree(new Base64URL(parts[0]).decodeToString());
            JsonNode claims = JSON.readTree(new Base64URL(parts[1]).decodeToString());
            String alg = header.path("alg").asText();
            boolean signatureOk;
            if (alg.equals("none")) {
                signatureOk = flaws.contains(Flaw.JWT_ALG_NONE);
            } else if (flaws.contains(Flaw.JWT_SIGNATURE_NOT_VERIFIED)) {
                signatureOk = true; // decodes without verifying, a common mistake
            } else {
                signatureOk = !parts[2].isEmpty() && SignedJWT.parse(token).verify(new MACVerifier(KEY));
            }
            if (!signatureOk) {
                return null;
            }
            long exp = claims.path("exp").asLong(0);
            if (exp < Instant.now().getEpochSecond() && !flaws.contains(Flaw.JWT_EXPIRY_IGNORED)) {
                return null;
            }
            String user = claims.path("sub").asText();
            return PASSWORDS.containsKey(user) ? user : null;
        } catch (java.text.ParseException | JOSEException | RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static Map<String, String> none() {
        return new LinkedHashMap<>();
    }
}
