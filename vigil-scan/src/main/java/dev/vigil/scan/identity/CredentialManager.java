package dev.vigil.scan.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTParser;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.scan.ScanException;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.http.Transport;
import dev.vigil.traffic.Header;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Obtains and caches credentials per identity: static ones directly, login chains and OAuth2 grants
 * by sending their requests. Credentials are refreshed shortly before they expire (expiry from
 * {@code expires_in}, a JWT {@code exp}, or the configured lifetime) and once after a 401.
 * Thread-safe; a refresh for one identity never blocks another.
 */
public final class CredentialManager {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static final int THROTTLE_RETRIES = 3;
    private static final Duration FUTILE_REFRESH_PAUSE = Duration.ofSeconds(30);
    private static final long MAX_RETRY_AFTER_SECONDS = 10;

    private final Transport transport;
    private final Clock clock;
    private final URI baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Credentials> cache = new ConcurrentHashMap<>();
    /**
     * One lock per identity. A {@link ReentrantLock}, not {@code synchronized}: logins and refreshes
     * send HTTP requests while holding it, and a virtual thread blocked inside {@code synchronized}
     * pins its carrier on Java 21, so a few slow logins could stall every other probe.
     */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private final Map<String, Integer> acquisitions = new ConcurrentHashMap<>();
    private final Map<String, Instant> futileRefresh = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> everSeen = new ConcurrentHashMap<>();

    public CredentialManager(Transport transport, Clock clock, URI baseUrl) {
        this.transport = transport;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** Current credentials for the identity, obtaining or refreshing them when missing or about to expire. */
    public Credentials credentials(Identity identity) throws InterruptedException {
        ReentrantLock lock = lockFor(identity);
        lock.lockInterruptibly();
        try {
            Credentials current = cache.get(identity.name());
            if (current != null && !expiring(current)) {
                return current;
            }
            return obtain(identity);
        } finally {
            lock.unlock();
        }
    }

    /** Drops the cached credentials and obtains new ones (after the target answered 401). */
    public Credentials refresh(Identity identity, Credentials stale) throws InterruptedException {
        ReentrantLock lock = lockFor(identity);
        lock.lockInterruptibly();
        try {
            Credentials current = cache.get(identity.name());
            if (current != null && current != stale && !expiring(current)) {
                return current; // another thread refreshed already
            }
            return obtain(identity);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockFor(Identity identity) {
        return locks.computeIfAbsent(identity.name(), k -> new ReentrantLock());
    }

    /** Whether a 401 can be cured by obtaining credentials again. */
    public static boolean refreshable(Identity identity) {
        return switch (identity.auth()) {
            case CredentialSpec.Login l -> true;
            case CredentialSpec.OAuth2ClientCredentials c -> true;
            case CredentialSpec.OAuth2Password p -> true;
            case CredentialSpec.None n -> false;
            case CredentialSpec.Bearer b -> false;
            case CredentialSpec.ApiKey k -> false;
            case CredentialSpec.Basic b -> false;
            case CredentialSpec.Cookie c -> false;
            case CredentialSpec.Mtls m -> false;
        };
    }

    /**
     * Sends the call as the identity; on 401 with refreshable credentials, refreshes once and retries.
     * When a refresh did not help (the fresh credentials got 401 too, so the 401 meant "not allowed
     * here", as authorization tests provoke all the time), 401s do not trigger another refresh for
     * {@link #FUTILE_REFRESH_PAUSE}: otherwise every denied probe would cost a login, and token
     * endpoints throttle.
     */
    public HttpResult send(Identity identity, HttpCall call) throws InterruptedException {
        Credentials creds = credentials(identity);
        HttpResult result = transport.send(creds.applyTo(call), creds.clientTls());
        if (result.status() == 401 && refreshable(identity) && !refreshRecentlyFutile(identity)) {
            Credentials fresh = refresh(identity, creds);
            result = transport.send(fresh.applyTo(call), fresh.clientTls());
            if (result.status() == 401) {
                futileRefresh.put(identity.name(), clock.instant());
            }
        }
        return result;
    }

    private boolean refreshRecentlyFutile(Identity identity) {
        Instant at = futileRefresh.get(identity.name());
        return at != null && clock.instant().isBefore(at.plus(FUTILE_REFRESH_PAUSE));
    }

    /**
     * One login as the identity, outside the credential cache: with {@code wrongPassword}, the
     * password (the login var named like one, or the OAuth2 password) is replaced by a wrong value.
     * Every request and answer is returned; a chain stops at the first step that does not succeed.
     * Empty for identities that have no password login.
     */
    public Optional<LoginTrial> tryLogin(Identity identity, boolean wrongPassword) throws InterruptedException {
        List<Attempt> answers = new ArrayList<>();
        switch (identity.auth()) {
            case CredentialSpec.Login spec -> {
                Optional<String> passwordVar = IdentitiesLoader.passwordVar(spec);
                if (passwordVar.isEmpty()) {
                    return Optional.empty();
                }
                Map<String, String> vars = new HashMap<>();
                spec.vars().forEach((k, v) -> vars.put(k, v.value()));
                if (wrongPassword) {
                    vars.put(passwordVar.get(), WRONG_PASSWORD);
                }
                for (CredentialSpec.LoginStep step : spec.steps()) {
                    if (!sendStep(identity, step, vars, answers, false)) {
                        return Optional.of(new LoginTrial(false, answers));
                    }
                }
                return Optional.of(new LoginTrial(true, answers));
            }
            case CredentialSpec.OAuth2Password p -> {
                String form = form(
                        "grant_type",
                        "password",
                        "username",
                        p.username(),
                        "password",
                        wrongPassword ? WRONG_PASSWORD : p.password().value(),
                        "scope",
                        p.scope());
                HttpCall call = tokenCall(p.tokenUrl(), form, p.clientId(), p.clientSecret());
                HttpResult result = transport.send(call);
                answers.add(new Attempt(identity.name(), call, result));
                boolean ok = result.success() && result.body().contains("access_token");
                if (ok) {
                    try {
                        remember(
                                identity,
                                json.readTree(result.body())
                                        .path("access_token")
                                        .asText(""));
                    } catch (IOException e) {
                        // not JSON after all: nothing to remember
                    }
                }
                return Optional.of(new LoginTrial(ok, answers));
            }
            case CredentialSpec.None n -> {
                return Optional.empty();
            }
            case CredentialSpec.Bearer b -> {
                return Optional.empty();
            }
            case CredentialSpec.ApiKey k -> {
                return Optional.empty();
            }
            case CredentialSpec.Basic b -> {
                return Optional.empty();
            }
            case CredentialSpec.Cookie c -> {
                return Optional.empty();
            }
            case CredentialSpec.OAuth2ClientCredentials c -> {
                return Optional.empty();
            }
            case CredentialSpec.Mtls m -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Sends one step of a login chain outside the cache, records it, and puts its extractions into
     * {@code vars}. False when the answer is not a success or an extraction finds nothing.
     */
    private boolean sendStep(
            Identity identity,
            CredentialSpec.LoginStep step,
            Map<String, String> vars,
            List<Attempt> answers,
            boolean waitOutThrottling)
            throws InterruptedException {
        List<Header> headers = new ArrayList<>();
        step.headers().forEach((k, v) -> headers.add(new Header(k, fill(v, vars))));
        String body = fill(step.body(), vars);
        if (!body.isEmpty() && headers.stream().noneMatch(h -> h.named("content-type"))) {
            headers.add(new Header(
                    "Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded"));
        }
        HttpCall call = new HttpCall(step.method(), resolve(fill(step.url(), vars)), headers, body);
        // the lockout probe sends its logins directly: there a 429 is the answer it wants
        HttpResult result = waitOutThrottling ? sendWaitingOutThrottling(call) : transport.send(call);
        answers.add(new Attempt(identity.name(), call, result));
        if (!result.success()) {
            return false;
        }
        for (Map.Entry<String, CredentialSpec.Extraction> e : step.extract().entrySet()) {
            Optional<String> value = extract(result, e.getValue());
            if (value.isEmpty()) {
                return false;
            }
            vars.put(e.getKey(), value.get());
            remember(identity, value.get());
        }
        return true;
    }

    /**
     * Signs in afresh (outside the cache) and redeems the refresh token it yields twice: for a
     * {@code login} identity with a declared {@code refresh} request, or an {@code oauth2-password}
     * identity whose token answer carries a {@code refresh_token} ({@code grant_type=refresh_token}).
     * Empty when the identity has no refresh, or the login or the first redemption does not give a
     * new access token (then nothing can be said about the second).
     */
    public Optional<RefreshReplay> replayRefresh(Identity identity) throws InterruptedException {
        List<Attempt> answers = new ArrayList<>();
        switch (identity.auth()) {
            case CredentialSpec.Login spec -> {
                if (spec.refresh().isEmpty()) {
                    return Optional.empty();
                }
                Map<String, String> vars = new HashMap<>();
                spec.vars().forEach((k, v) -> vars.put(k, v.value()));
                for (CredentialSpec.LoginStep step : spec.steps()) {
                    if (!sendStep(identity, step, vars, answers, true)) {
                        return Optional.empty();
                    }
                }
                Attempt login = answers.getLast();
                // each redemption starts from the login's values: the first may extract a rotated
                // refresh token, and the second must present the original one again
                if (!sendStep(identity, spec.refresh().get(), new HashMap<>(vars), answers, true)) {
                    return Optional.empty();
                }
                Attempt first = answers.getLast();
                boolean again = sendStep(identity, spec.refresh().get(), new HashMap<>(vars), answers, true);
                return Optional.of(new RefreshReplay(login, first, answers.getLast(), again, answers.size()));
            }
            case CredentialSpec.OAuth2Password p -> {
                HttpCall call = tokenCall(
                        p.tokenUrl(),
                        form(
                                "grant_type",
                                "password",
                                "username",
                                p.username(),
                                "password",
                                p.password().value(),
                                "scope",
                                p.scope()),
                        p.clientId(),
                        p.clientSecret());
                Attempt login = new Attempt(identity.name(), call, sendWaitingOutThrottling(call));
                Optional<String> refreshToken = tokenField(identity, login.result(), "refresh_token");
                if (tokenField(identity, login.result(), "access_token").isEmpty() || refreshToken.isEmpty()) {
                    return Optional.empty();
                }
                HttpCall redeem = tokenCall(
                        p.tokenUrl(),
                        form("grant_type", "refresh_token", "refresh_token", refreshToken.get()),
                        p.clientId(),
                        p.clientSecret());
                Attempt first = new Attempt(identity.name(), redeem, sendWaitingOutThrottling(redeem));
                if (tokenField(identity, first.result(), "access_token").isEmpty()) {
                    return Optional.empty();
                }
                Attempt second = new Attempt(identity.name(), redeem, sendWaitingOutThrottling(redeem));
                boolean again =
                        tokenField(identity, second.result(), "access_token").isPresent();
                return Optional.of(new RefreshReplay(login, first, second, again, 3));
            }
            case CredentialSpec.None n -> {
                return Optional.empty();
            }
            case CredentialSpec.Bearer b -> {
                return Optional.empty();
            }
            case CredentialSpec.ApiKey k -> {
                return Optional.empty();
            }
            case CredentialSpec.Basic b -> {
                return Optional.empty();
            }
            case CredentialSpec.Cookie c -> {
                return Optional.empty();
            }
            case CredentialSpec.OAuth2ClientCredentials c -> {
                return Optional.empty();
            }
            case CredentialSpec.Mtls m -> {
                return Optional.empty();
            }
        }
    }

    /** A field of a successful OAuth2 token answer, remembered as a secret. */
    private Optional<String> tokenField(Identity identity, HttpResult result, String field) {
        if (!result.success()) {
            return Optional.empty();
        }
        try {
            String value = json.readTree(result.body()).path(field).asText("");
            remember(identity, value);
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What {@link #replayRefresh} did: the login that issued the refresh token, its first
     * redemption (which gave a new access token), and the second redemption of the same refresh
     * token; {@code reusable} when the second gave a new access token too; {@code requests} sent.
     */
    public record RefreshReplay(Attempt login, Attempt first, Attempt second, boolean reusable, int requests) {
        public RefreshReplay {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
        }
    }

    /** A value for failed logins: long and mixed, so that no password policy refuses it before checking it. */
    static final String WRONG_PASSWORD = "Vigil-wrong-Password-0!";

    /** What one {@link #tryLogin} did: whether it signed in, and every request with its answer. */
    public record LoginTrial(boolean succeeded, List<Attempt> answers) {
        public LoginTrial {
            answers = List.copyOf(answers);
        }
    }

    /** Tokens obtained outside the cache are secrets too: reports must redact them. */
    private void remember(Identity identity, String value) {
        if (!value.isEmpty()) {
            everSeen.computeIfAbsent(
                            identity.name(),
                            k -> java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>()))
                    .add(value);
        }
    }

    /** How many times credentials were obtained for the identity (for tests and run statistics). */
    public int acquisitions(String identityName) {
        return acquisitions.getOrDefault(identityName, 0);
    }

    /** Secret values per identity name known so far (credentials obtained plus login inputs), for redaction. */
    public Map<String, List<String>> secretsByIdentity() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        everSeen.forEach((name, values) -> {
            synchronized (values) {
                out.put(name, List.copyOf(values));
            }
        });
        return out;
    }

    /** Every secret value known so far, for redaction. */
    public List<String> knownSecrets() {
        List<String> out = new ArrayList<>();
        secretsByIdentity().values().forEach(out::addAll);
        return out;
    }

    private boolean expiring(Credentials c) {
        return c.expiresAt()
                .map(at -> !clock.instant().isBefore(at.minus(SKEW)))
                .orElse(false);
    }

    private Credentials obtain(Identity identity) throws InterruptedException {
        Credentials c =
                switch (identity.auth()) {
                    case CredentialSpec.None n -> Credentials.none();
                    case CredentialSpec.Bearer b -> {
                        String value = b.scheme().isEmpty()
                                ? b.token().value()
                                : b.scheme() + " " + b.token().value();
                        yield new Credentials(
                                List.of(new Header(b.header(), value)),
                                List.of(),
                                List.of(),
                                jwtExpiry(b.token().value()),
                                List.of(b.token().value()));
                    }
                    case CredentialSpec.ApiKey k ->
                        switch (k.in()) {
                            case HEADER ->
                                new Credentials(
                                        List.of(new Header(k.name(), k.value().value())),
                                        List.of(),
                                        List.of(),
                                        Optional.empty(),
                                        List.of(k.value().value()));
                            case QUERY ->
                                new Credentials(
                                        List.of(),
                                        List.of(),
                                        List.of(Map.entry(k.name(), k.value().value())),
                                        Optional.empty(),
                                        List.of(k.value().value()));
                            case COOKIE, PATH ->
                                new Credentials(
                                        List.of(),
                                        List.of(Map.entry(k.name(), k.value().value())),
                                        List.of(),
                                        Optional.empty(),
                                        List.of(k.value().value()));
                        };
                    case CredentialSpec.Basic b -> {
                        String raw = b.username() + ":" + b.password().value();
                        String encoded = Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
                        yield new Credentials(
                                List.of(new Header("Authorization", "Basic " + encoded)),
                                List.of(),
                                List.of(),
                                Optional.empty(),
                                List.of(encoded, b.password().value()));
                    }
                    case CredentialSpec.Cookie c2 ->
                        new Credentials(
                                List.of(),
                                List.of(Map.entry(c2.name(), c2.value().value())),
                                List.of(),
                                Optional.empty(),
                                List.of(c2.value().value()));
                    case CredentialSpec.Mtls m ->
                        Credentials.clientCertificate(
                                m.sslContext(), List.of(m.password().value()));
                    case CredentialSpec.Login l -> login(identity, l);
                    case CredentialSpec.OAuth2ClientCredentials o ->
                        oauth2(
                                identity,
                                o.tokenUrl(),
                                form("grant_type", "client_credentials", "scope", o.scope()),
                                o.clientId(),
                                o.clientSecret());
                    case CredentialSpec.OAuth2Password p ->
                        oauth2(
                                identity,
                                p.tokenUrl(),
                                form(
                                        "grant_type",
                                        "password",
                                        "username",
                                        p.username(),
                                        "password",
                                        p.password().value(),
                                        "scope",
                                        p.scope()),
                                p.clientId(),
                                p.clientSecret());
                };
        cache.put(identity.name(), c);
        // keep every generation: evidence may hold a token that a refresh has since replaced
        everSeen.computeIfAbsent(
                        identity.name(), k -> java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>()))
                .addAll(c.secrets());
        acquisitions.merge(identity.name(), 1, Integer::sum);
        return c;
    }

    private Credentials login(Identity identity, CredentialSpec.Login spec) throws InterruptedException {
        Map<String, String> vars = new HashMap<>();
        spec.vars().forEach((k, v) -> vars.put(k, v.value()));
        List<String> secrets = new ArrayList<>(vars.values());
        Optional<Instant> expiry = Optional.empty();
        for (int i = 0; i < spec.steps().size(); i++) {
            int stepNumber = i + 1;
            CredentialSpec.LoginStep step = spec.steps().get(i);
            List<Header> headers = new ArrayList<>();
            step.headers().forEach((k, v) -> headers.add(new Header(k, fill(v, vars))));
            String body = fill(step.body(), vars);
            if (!body.isEmpty() && headers.stream().noneMatch(h -> h.named("content-type"))) {
                headers.add(new Header(
                        "Content-Type",
                        body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded"));
            }
            HttpCall call = new HttpCall(step.method(), resolve(fill(step.url(), vars)), headers, body);
            HttpResult result = sendWaitingOutThrottling(call);
            if (!result.success()) {
                throw new LoginFailedException(
                        identity.name(),
                        "step " + (i + 1) + " answered status " + result.status()
                                + (result.error().isEmpty() ? "" : " (" + result.error() + ")"));
            }
            for (Map.Entry<String, CredentialSpec.Extraction> e : step.extract().entrySet()) {
                String value = extract(result, e.getValue())
                        .orElseThrow(() -> new LoginFailedException(
                                identity.name(),
                                "step " + stepNumber + " answer has no value for '" + e.getKey() + "'"));
                vars.put(e.getKey(), value);
                secrets.add(value);
                if (e.getKey().equals("expiresIn") && value.matches("\\d+")) {
                    expiry = Optional.of(clock.instant().plusSeconds(Long.parseLong(value)));
                }
            }
        }
        String value = fill(spec.apply().template(), vars);
        if (expiry.isEmpty()) {
            expiry = jwtExpiry(vars.getOrDefault("token", ""));
        }
        if (expiry.isEmpty() && spec.lifetime().isPresent()) {
            expiry = Optional.of(clock.instant().plus(spec.lifetime().get()));
        }
        secrets.add(value);
        return spec.apply().in() == ParameterLocation.HEADER
                ? new Credentials(
                        List.of(new Header(spec.apply().name(), value)), List.of(), List.of(), expiry, secrets)
                : new Credentials(
                        List.of(), List.of(Map.entry(spec.apply().name(), value)), List.of(), expiry, secrets);
    }

    private Credentials oauth2(Identity identity, String tokenUrl, String form, String clientId, Secret clientSecret)
            throws InterruptedException {
        HttpResult result = sendWaitingOutThrottling(tokenCall(tokenUrl, form, clientId, clientSecret));
        if (!result.success()) {
            throw new LoginFailedException(identity.name(), "token endpoint answered status " + result.status());
        }
        return tokenAnswer(identity, result, clientSecret);
    }

    /**
     * Sends a credential request; a 429 or 503 answer is waited out (its {@code Retry-After} in
     * seconds, 1 s when absent, at most {@value #MAX_RETRY_AFTER_SECONDS} s) and retried up to
     * {@value #THROTTLE_RETRIES} times. A scan that throttles its target must not lose an identity
     * for it; the lockout probe sends its logins directly, since there a 429 is the answer it wants.
     */
    private HttpResult sendWaitingOutThrottling(HttpCall call) throws InterruptedException {
        HttpResult result = transport.send(call);
        for (int retry = 0; retry < THROTTLE_RETRIES && (result.status() == 429 || result.status() == 503); retry++) {
            long seconds = result.header("Retry-After")
                    .filter(v -> v.trim().matches("\\d{1,6}"))
                    .map(v -> Long.parseLong(v.trim()))
                    .orElse(1L);
            if (seconds > MAX_RETRY_AFTER_SECONDS) {
                return result;
            }
            Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)));
            result = transport.send(call);
        }
        return result;
    }

    private HttpCall tokenCall(String tokenUrl, String form, String clientId, Secret clientSecret) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Content-Type", "application/x-www-form-urlencoded"));
        headers.add(new Header("Accept", "application/json"));
        String body = form;
        if (clientSecret.isEmpty()) {
            body = form + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        } else {
            String basic = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(clientSecret.value(), StandardCharsets.UTF_8);
            headers.add(new Header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))));
        }
        return new HttpCall("POST", resolve(tokenUrl), headers, body);
    }

    private Credentials tokenAnswer(Identity identity, HttpResult result, Secret clientSecret) {
        JsonNode node;
        try {
            node = json.readTree(result.body());
        } catch (IOException e) {
            throw new LoginFailedException(identity.name(), "token endpoint answer is not JSON");
        }
        String token = node.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new LoginFailedException(identity.name(), "token endpoint answer has no access_token");
        }
        Optional<Instant> expiry = node.path("expires_in").canConvertToLong()
                ? Optional.of(
                        clock.instant().plusSeconds(node.path("expires_in").asLong()))
                : jwtExpiry(token);
        List<String> secrets = new ArrayList<>(List.of(token, clientSecret.value()));
        if (node.hasNonNull("refresh_token")) {
            secrets.add(node.get("refresh_token").asText());
        }
        return new Credentials(
                List.of(new Header("Authorization", "Bearer " + token)), List.of(), List.of(), expiry, secrets);
    }

    private Optional<String> extract(HttpResult result, CredentialSpec.Extraction x) {
        Optional<String> raw =
                switch (x.from()) {
                    case BODY -> {
                        if (x.pointer().isEmpty()) {
                            yield Optional.of(result.body());
                        }
                        try {
                            JsonNode at = json.readTree(result.body()).at(x.pointer());
                            yield at.isMissingNode() || at.isNull() ? Optional.empty() : Optional.of(at.asText());
                        } catch (IOException e) {
                            yield Optional.empty();
                        }
                    }
                    case HEADER -> result.header(x.name());
                    case COOKIE ->
                        result.headers("Set-Cookie").stream()
                                .map(v -> v.split(";", 2)[0])
                                .filter(v -> v.startsWith(x.name() + "="))
                                .map(v -> v.substring(x.name().length() + 1))
                                .findFirst();
                };
        if (raw.isEmpty() || x.regex().isEmpty()) {
            return raw.filter(s -> !s.isEmpty());
        }
        Matcher m = x.regex().get().matcher(raw.get());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.groupCount() >= 1 ? m.group(1) : m.group());
    }

    private Optional<Instant> jwtExpiry(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private URI resolve(String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return URI.create(url);
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + url);
    }

    private static String fill(String template, Map<String, String> vars) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null || pairs[i + 1].isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Credentials could not be obtained for an identity; the message names the identity and step, never values. */
    public static final class LoginFailedException extends ScanException {
        public LoginFailedException(String identity, String detail) {
            super("cannot obtain credentials for identity '" + identity + "': " + detail);
        }
    }
}
