package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.traffic.ExchangeSink;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * "Vigil Bank", the bundled demo API: a small multi-tenant bank on 127.0.0.1 with user logins,
 * accounts, transfers, cards, admin and support functions, a partner API, a deprecated v1 and an
 * outbound exchange-rate provider of its own. Data is in memory and seeded from {@link DemoConfig#seed()}.
 *
 * <p>Start with {@link #start(DemoConfig)}, stop with {@link #close()}. The documented surface is
 * {@code openapi.yaml} (v2) and {@code openapi-v1.yaml} (deprecated v1) beside this class.
 */
public final class DemoApi implements AutoCloseable {

    private final Javalin app;
    private final HttpClient http;
    private final FxRatesServer fxServer;
    private final FxRatesClient fxClient;
    private final BankData bank;
    private final DemoConfig config;

    private DemoApi(
            Javalin app,
            HttpClient http,
            FxRatesServer fxServer,
            FxRatesClient fxClient,
            BankData bank,
            DemoConfig config) {
        this.app = app;
        this.http = http;
        this.fxServer = fxServer;
        this.fxClient = fxClient;
        this.bank = bank;
        this.config = config;
    }

    /** Seeds the bank, starts the rate provider and the API on 127.0.0.1, and returns once both listen. */
    public static DemoApi start(DemoConfig config) {
        Objects.requireNonNull(config, "config");
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        BankData bank = BankSeeder.seed(config.seed(), config.clock().instant());
        FxRatesServer fxServer = FxRatesServer.start(config.clock());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        try {
            FxRatesClient fxClient = new FxRatesClient(
                    http, URI.create("http://" + FxRatesServer.ADDRESS + ":" + fxServer.port()), config.clock(), json);
            AccessPolicy policy = new AccessPolicy(config.mode());
            Javalin app = Javalin.create(c -> {
                c.showJavalinBanner = false;
                c.http.maxRequestSize = policy.maxRequestBytes();
                c.jsonMapper(new JavalinJackson(json, false));
                c.http.defaultContentType = "application/json";
            });
            register(app, config, bank, json, fxClient, policy);
            app.start("127.0.0.1", config.port());
            return new DemoApi(app, http, fxServer, fxClient, bank, config);
        } catch (RuntimeException e) {
            http.close();
            fxServer.close();
            throw e;
        }
    }

    private static void register(
            Javalin app, DemoConfig config, BankData bank, ObjectMapper json, FxRatesClient fx, AccessPolicy policy) {
        PartnerKeys partnerKeys = new PartnerKeys();
        TokenService tokens =
                new TokenService(config.seed(), config.clock(), config.accessTokenTtl(), policy, partnerKeys);
        RequestAuth auth = new RequestAuth(tokens, bank);
        new ProblemResponses(json).install(app);
        if (config.mode() == DemoMode.SECURE) {
            new RateLimits(System::nanoTime).install(app);
        }
        app.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        new AuthRoutes(bank, tokens, json, new LoginLockout(policy.locksOutFailedLogins(), config.clock()), partnerKeys)
                .register(app);
        UserRoutes users = new UserRoutes(bank, auth, policy, json);
        users.register(app);
        AccountRoutes accounts = new AccountRoutes(bank, auth, policy, json, config.clock());
        accounts.register(app);
        new TransferRoutes(bank, auth, policy, json, config.clock(), fx).register(app);
        new CardRoutes(bank, auth, policy).register(app);
        new AdminRoutes(bank, auth, policy, json).register(app);
        new SupportRoutes(bank, auth, policy).register(app);
        new PartnerRoutes(bank, auth, policy, json, config.clock(), fx).register(app);
        new LegacyRoutes(bank, auth, accounts, users).register(app);
        AuditLog audit = new AuditLog();
        java.time.Instant opened = config.clock().instant();
        bank.tenants().forEach(t -> audit.record(t.id(), "system", "tenant.opened", t.id(), opened));
        bank.users().forEach(u -> audit.record(u.tenantId(), "system", "user.enrolled", u.id().toString(), opened));
        new PaymentRoutes(bank, new PaymentOrders(), audit, auth, policy, json, config.clock()).register(app);
        new AuditRoutes(audit, auth, policy).register(app);
        new AccountCardRoutes(bank, auth, policy, accounts).register(app);
        new UserDirectoryRoutes(bank, auth, policy, json).register(app);
        new FxHistoryRoutes(auth, policy, config.clock()).register(app);
        new FxQuoteRoutes(auth, policy, fx).register(app);
        new DiagnosticsRoutes(policy).register(app);
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Port of the stand-in exchange-rate provider the API calls out to. */
    public int thirdPartyPort() {
        return fxServer.port();
    }

    public DemoMode mode() {
        return config.mode();
    }

    /** The live in-memory bank, for tests and the demo command to look up seeded ids. */
    public BankData bank() {
        return bank;
    }

    public void addOutboundListener(OutboundListener listener) {
        fxClient.addListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeOutboundListener(OutboundListener listener) {
        fxClient.removeListener(listener);
    }

    /**
     * Delivers every outbound exchange to {@code sink} until the returned handle is closed. Deliveries
     * are serialized on the sink, so a sink shared with a traffic generator needs no locking of its own
     * as long as the generator also delivers under {@code sink}'s monitor.
     */
    public Capture captureOutbound(ExchangeSink sink) {
        Objects.requireNonNull(sink, "sink");
        OutboundListener listener = exchange -> {
            synchronized (sink) {
                sink.accept(exchange);
            }
        };
        addOutboundListener(listener);
        return () -> removeOutboundListener(listener);
    }

    /** Stops a capture started by {@link #captureOutbound(ExchangeSink)}. */
    @FunctionalInterface
    public interface Capture extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            http.close();
            fxServer.close();
        }
    }
}
