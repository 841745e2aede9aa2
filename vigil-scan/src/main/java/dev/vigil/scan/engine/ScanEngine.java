package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Transport;
import dev.vigil.scan.identity.CredentialManager;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.report.Redactor;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.Target;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a catalog against a target as a set of identities, within a {@link ScanPolicy}.
 *
 * <p>Phases: plan (which test applies to which operation; a dry run stops here), credentials (every
 * identity logs in up front; one that cannot is dropped with a warning), learning (safe GETs as
 * every identity feed the ownership oracle and the original observations), then the tests, one
 * virtual thread per (test, operation) unit with at most {@code concurrency} in flight.
 */
public final class ScanEngine {
    private final Transport transport;
    private final Clock clock;
    private final Pacer.Sleeper sleeper;

    public ScanEngine(Transport transport, Clock clock, Pacer.Sleeper sleeper) {
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public EngineResult run(
            Target target, Identities identities, Catalog catalog, ScanPolicy policy, Optional<URI> callbackBase)
            throws InterruptedException {
        Map<CatalogTest, List<Operation>> units = units(target, catalog);
        List<EngineResult.PlannedTest> plan = plan(units, identities, policy);
        if (policy.dryRun()) {
            return new EngineResult(
                    plan, List.of(), List.of(), 0, Map.of(), 0, false, true, List.of(), new Redactor(Map.of()));
        }
        // login and token requests obey the host allowlist too (add an identity provider's host to it)
        Transport scoped = call -> Requester.inScope(call, policy)
                ? transport.send(call)
                : dev.vigil.scan.http.HttpResult.failed("host not in scope");
        CredentialManager credentials = new CredentialManager(scoped, clock, target.baseUrl());
        Requester requester =
                new Requester(transport, credentials, policy, new Pacer(clock, sleeper, policy.requestsPerSecond()));
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Identities usable = loginAll(identities, credentials, warnings);
        AtomicBoolean exhausted = new AtomicBoolean();
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        List<EngineResult.TestRun> runs = Collections.synchronizedList(new ArrayList<>());
        List<EngineResult.Cleaned> cleanup = new ArrayList<>();
        try (CallbackListener listener = new CallbackListener(callbackBase.orElse(null))) {
            ScanContext ctx =
                    new ScanContext(target, usable, policy, requester, new OwnershipOracle(), listener, clock);
            try {
                learn(ctx);
            } catch (BudgetExhaustedException e) {
                exhausted.set(true);
            }
            Semaphore inFlight = new Semaphore(policy.concurrency());
            // reads first, writes last: a unit that changes state must not race the comparisons of others
            for (boolean writes : new boolean[] {false, true}) {
                // state-changing units also run one at a time, so each sees the state it set up
                Semaphore gate = writes ? new Semaphore(1) : inFlight;
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> futures = new ArrayList<>();
                    units.forEach((test, ops) -> {
                        for (Operation op : ops) {
                            if (changesState(test, op) != writes) {
                                continue;
                            }
                            futures.add(pool.submit(() -> {
                                runGuarded(test, op, ctx, gate, exhausted, findings, runs, warnings);
                                return null;
                            }));
                        }
                    });
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            warnings.add(
                                    "unit failed: " + e.getCause().getClass().getSimpleName() + " at "
                                            + (e.getCause().getStackTrace().length > 0
                                                    ? e.getCause().getStackTrace()[0]
                                                    : "?"));
                        }
                    }
                }
            }
            if (policy.allowDestructive()) {
                cleanup.addAll(Cleanup.run(ctx, requester.created()));
            }
        }
        Map<String, Finding> unique = new LinkedHashMap<>();
        findings.stream().sorted(FINDING_ORDER).forEach(f -> unique.putIfAbsent(f.fingerprint(), f));
        List<EngineResult.TestRun> sortedRuns = runs.stream()
                .sorted(Comparator.comparing(EngineResult.TestRun::testId)
                        .thenComparing(EngineResult.TestRun::operation))
                .toList();
        if (exhausted.get()) {
            warnings.add("request budget of " + policy.maxRequests() + " exhausted: results are partial");
        }
        return new EngineResult(
                plan,
                new ArrayList<>(unique.values()),
                sortedRuns,
                requester.sent(),
                requester.sentByPurpose(),
                requester.refused(),
                exhausted.get(),
                false,
                warnings.stream().sorted().distinct().toList(),
                new Redactor(secrets(identities, credentials)),
                cleanup);
    }

    /** Static secrets from the identities file plus everything obtained while logging in. */
    private static Map<String, List<String>> secrets(Identities identities, CredentialManager credentials) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        credentials.secretsByIdentity().forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        for (Identity i : identities.all()) {
            List<String> mine = out.computeIfAbsent(i.name(), k -> new ArrayList<>());
            switch (i.auth()) {
                case dev.vigil.scan.identity.CredentialSpec.Basic b ->
                    mine.add(b.password().value());
                case dev.vigil.scan.identity.CredentialSpec.Login l ->
                    l.vars().values().forEach(v -> mine.add(v.value()));
                case dev.vigil.scan.identity.CredentialSpec.OAuth2ClientCredentials o ->
                    mine.add(o.clientSecret().value());
                case dev.vigil.scan.identity.CredentialSpec.OAuth2Password p -> {
                    mine.add(p.password().value());
                    mine.add(p.clientSecret().value());
                }
                case dev.vigil.scan.identity.CredentialSpec.Bearer b ->
                    mine.add(b.token().value());
                case dev.vigil.scan.identity.CredentialSpec.ApiKey k ->
                    mine.add(k.value().value());
                case dev.vigil.scan.identity.CredentialSpec.Cookie c ->
                    mine.add(c.value().value());
                case dev.vigil.scan.identity.CredentialSpec.None n -> {}
            }
        }
        return out;
    }

    static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::testId)
            .thenComparing(Finding::pathTemplate)
            .thenComparing(Finding::method)
            .thenComparing(Finding::identity)
            .thenComparing(Finding::location);

    /** Which operations each test applies to; host-wide tests get one representative operation. */
    static Map<CatalogTest, List<Operation>> units(Target target, Catalog catalog) {
        Map<CatalogTest, List<Operation>> out = new LinkedHashMap<>();
        for (CatalogTest test : catalog.tests()) {
            List<Operation> ops = target.operations().stream()
                    .filter(test.appliesTo()::matches)
                    .toList();
            if (test.appliesTo().oncePerHost() && !ops.isEmpty()) {
                ops = List.of(ops.stream()
                        .filter(o -> o.safeMethod() && !o.hasPathParameters())
                        .findFirst()
                        .orElse(ops.getFirst()));
            }
            if (!ops.isEmpty()) {
                out.put(test, ops);
            }
        }
        return out;
    }

    private static List<EngineResult.PlannedTest> plan(
            Map<CatalogTest, List<Operation>> units, Identities identities, ScanPolicy policy) {
        List<EngineResult.PlannedTest> out = new ArrayList<>();
        String everyone = String.join(
                ",", identities.authenticated().stream().map(Identity::name).toList());
        units.forEach((test, ops) -> {
            for (Operation op : ops) {
                String note = !policy.allowDestructive() && ScanPolicy.destructive(op.method())
                        ? "skipped: " + op.method() + " is destructive (not allowed)"
                        : switch (test.mutation()) {
                            case Mutation.ReplayAsOtherIdentity m -> "replay owners' objects as " + everyone;
                            case Mutation.CallAsLowerRole m ->
                                "call as lower roles, switch methods " + m.switchMethods();
                            case Mutation.DropCredentials m -> "call without credentials";
                            case Mutation.TamperCredentials m -> "tampered credentials: " + m.variant();
                            case Mutation.AddFields m ->
                                "add fields "
                                        + m.fields().properties().stream()
                                                .map(Map.Entry::getKey)
                                                .sorted()
                                                .toList() + " then read back";
                            case Mutation.Inject m -> m.payloads().size() + " payloads into " + sorted(m.into());
                            case Mutation.InjectBoolean m ->
                                m.pairs().size() + " true/false pairs into " + sorted(m.into());
                            case Mutation.SetHeader m -> "header " + m.name() + ": " + m.value();
                            case Mutation.CallbackUrl m -> "callback URL into " + sorted(m.into());
                            case Mutation.Burst m -> "burst of " + m.count();
                            case Mutation.None m -> "plain request per identity";
                            case Mutation.DeleteThenRead m -> "create an object, delete it as its owner, read it again";
                            case Mutation.OlderVersion m -> "same request on older API versions";
                            case Mutation.InjectOperator m -> "$eq/$ne operators into " + sorted(m.into());
                            case Mutation.XmlEntity m -> "body as XML with an external entity to the callback listener";
                            case Mutation.InjectDelay m ->
                                m.payloads().size() + " delay payloads (" + m.seconds() + " s, re-test "
                                        + 2 * m.seconds() + " s) into " + sorted(m.into());
                            case Mutation.CompareRoles m ->
                                "read owned objects as every identity, compare fields ("
                                        + m.rule()
                                                .name()
                                                .toLowerCase(java.util.Locale.ROOT)
                                                .replace('_', '-') + ")";
                            case Mutation.ListVersusDetail m ->
                                "compare list items with the item read of the same object";
                            case Mutation.OversizedPage m ->
                                "page size 1, 2 then " + m.huge() + " (bound: documented maximum, else " + m.cap()
                                        + ")";
                            case Mutation.OversizedBody m -> "one string field padded to a " + m.bytes() + "-byte body";
                            case Mutation.UnexpectedMethods m -> "undocumented methods " + m.methods();
                            case Mutation.ProbePaths m -> m.probes().size() + " debug/management paths";
                        };
                out.add(new EngineResult.PlannedTest(test.id(), op.key(), note));
            }
        });
        return out;
    }

    private static List<String> sorted(java.util.Set<Mutation.Into> into) {
        return into.stream()
                .map(i -> i.name().toLowerCase(java.util.Locale.ROOT))
                .sorted()
                .toList();
    }

    private static Identities loginAll(Identities identities, CredentialManager credentials, List<String> warnings)
            throws InterruptedException {
        List<Identity> ok = new ArrayList<>();
        for (Identity i : identities.all()) {
            try {
                credentials.credentials(i);
                ok.add(i);
            } catch (CredentialManager.LoginFailedException e) {
                warnings.add(e.getMessage() + " (identity left out of the scan)");
            }
        }
        return new Identities(ok, identities.roleLevels(), identities.access());
    }

    /** Learning rounds: one without path parameters, then up to three links deep. */
    private static final int LEARNING_ROUNDS = 4;

    /** Safe GETs as every identity: collections first, then operations whose ids earlier rounds revealed. */
    private static void learn(ScanContext ctx) throws InterruptedException {
        List<Identity> everyone = new ArrayList<>();
        everyone.add(ctx.identities.anonymous());
        everyone.addAll(ctx.byLevel());
        List<Operation> gets = ctx.target.operations().stream()
                .filter(o -> o.method().equals("GET"))
                .toList();
        if (ctx.policy.allowDestructive()) {
            create(ctx, gets);
        }
        // round 0: operations without path parameters; later rounds: operations whose ids earlier
        // answers revealed (producer-consumer chains such as /accounts -> /accounts/{a}/cards -> /cards/{c})
        java.util.Set<String> done = new java.util.HashSet<>();
        for (int round = 0; round < LEARNING_ROUNDS; round++) {
            for (Operation op : gets) {
                if (op.hasPathParameters() == (round == 0)) {
                    continue;
                }
                for (Identity identity : everyone) {
                    if (op.hasPathParameters()
                            && ctx.values(identity, op).size()
                                    < op.pathParameterNames().size()) {
                        continue;
                    }
                    if (!done.add(identity.name() + "|" + op.key())) {
                        continue;
                    }
                    Optional<Observation> o = ctx.observe(identity, op);
                    if (o.isPresent() && o.get().succeeded()) {
                        ctx.oracle.learn(
                                identity, op, o.get().attempt().result().body());
                        LinkFollower.learn(ctx, identity, op, o.get().attempt().result());
                    }
                }
            }
        }
    }

    /**
     * When writes are allowed, every identity creates one object through each collection POST that
     * has a readable child ({@code POST /x} with {@code GET /x/{id}}): objects created by an
     * identity are the strongest ownership evidence, and the only one when it owns nothing yet.
     */
    private static void create(ScanContext ctx, List<Operation> gets) throws InterruptedException {
        for (Operation op : ctx.target.operations()) {
            if (!op.method().equals("POST")
                    || op.hasPathParameters()
                    || op.sampleBody().isEmpty()) {
                continue;
            }
            String prefix = op.pathTemplate() + "/{";
            boolean readable = gets.stream()
                    .anyMatch(g -> g.pathTemplate().startsWith(prefix)
                            && g.pathParameterNames().size() == 1
                            && g.pathTemplate().indexOf('/', prefix.length()) < 0);
            if (!readable) {
                continue;
            }
            for (Identity identity : ctx.byLevel()) {
                Optional<dev.vigil.scan.http.HttpCall> call = ctx.call(op, Map.of());
                if (call.isEmpty()) {
                    continue;
                }
                Optional<dev.vigil.scan.http.Attempt> a =
                        ctx.requester.send(identity, call.get(), "create owned objects");
                if (a.isPresent() && Verdicts.effectiveSuccess(a.get().result())) {
                    ctx.oracle.learn(identity, op, a.get().result().body());
                    learnLocation(ctx, identity, a.get());
                    LinkFollower.learn(ctx, identity, op, a.get().result());
                }
            }
        }
    }

    /** A created object's {@code Location}, matched against the readable item operations, feeds the oracle. */
    private static void learnLocation(ScanContext ctx, Identity identity, dev.vigil.scan.http.Attempt created) {
        CreatedObjects.parse(created)
                .flatMap(CreatedObjects.Created::location)
                .flatMap(u -> CreatedObjects.match(ctx.target.operations(), ctx.target.baseUrl(), u, "GET"))
                .ifPresent(m -> ctx.oracle.learnPath(identity, m.getKey(), m.getValue()));
    }

    static boolean changesState(CatalogTest test, Operation op) {
        return !op.safeMethod()
                || test.mutation() instanceof Mutation.AddFields
                || (test.mutation() instanceof Mutation.UnexpectedMethods u
                        && u.methods().stream().anyMatch(ScanPolicy::destructive));
    }

    private static void runGuarded(
            CatalogTest test,
            Operation op,
            ScanContext ctx,
            Semaphore inFlight,
            AtomicBoolean exhausted,
            List<Finding> findings,
            List<EngineResult.TestRun> runs,
            List<String> warnings)
            throws InterruptedException {
        if (exhausted.get()) {
            runs.add(new EngineResult.TestRun(test.id(), op.key(), 0, "request budget exhausted"));
            return;
        }
        inFlight.acquire();
        try {
            List<Finding> found = runUnit(test, op, ctx);
            findings.addAll(found);
            runs.add(new EngineResult.TestRun(test.id(), op.key(), found.size(), ""));
        } catch (BudgetExhaustedException e) {
            exhausted.set(true);
            runs.add(new EngineResult.TestRun(test.id(), op.key(), 0, "request budget exhausted"));
        } catch (CredentialManager.LoginFailedException e) {
            warnings.add(e.getMessage());
            runs.add(new EngineResult.TestRun(test.id(), op.key(), 0, "credentials unavailable"));
        } finally {
            inFlight.release();
        }
    }

    private static List<Finding> runUnit(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        return switch (test.mutation()) {
            case Mutation.None m -> ResponseRunners.none(test, op, ctx);
            case Mutation.ReplayAsOtherIdentity m -> AccessRunners.replay(test, op, ctx);
            case Mutation.CallAsLowerRole m -> AccessRunners.lowerRole(test, op, ctx, m);
            case Mutation.DropCredentials m -> AccessRunners.drop(test, op, ctx);
            case Mutation.TamperCredentials m -> AccessRunners.tamper(test, op, ctx, m);
            case Mutation.AddFields m -> MassAssignmentRunner.addFields(test, op, ctx, m);
            case Mutation.Inject m -> InputRunners.inject(test, op, ctx, m);
            case Mutation.InjectBoolean m -> InputRunners.injectBoolean(test, op, ctx, m);
            case Mutation.SetHeader m -> ResponseRunners.setHeader(test, op, ctx, m);
            case Mutation.CallbackUrl m -> InputRunners.callback(test, op, ctx, m);
            case Mutation.Burst m -> ResponseRunners.burst(test, op, ctx, m);
            case Mutation.DeleteThenRead m -> FlowRunners.useAfterDelete(test, op, ctx);
            case Mutation.OlderVersion m -> FlowRunners.olderVersion(test, op, ctx);
            case Mutation.InjectOperator m -> InputRunners.injectOperator(test, op, ctx, m);
            case Mutation.XmlEntity m -> XmlEntityRunner.run(test, op, ctx);
            case Mutation.InjectDelay m -> DelayRunner.injectDelay(test, op, ctx, m);
            case Mutation.CompareRoles m -> PropertyRunners.compareRoles(test, op, ctx, m);
            case Mutation.ListVersusDetail m -> PropertyRunners.listVersusDetail(test, op, ctx);
            case Mutation.OversizedPage m -> ResourceRunners.oversizedPage(test, op, ctx, m);
            case Mutation.OversizedBody m -> ResourceRunners.oversizedBody(test, op, ctx, m);
            case Mutation.UnexpectedMethods m -> ExposureRunners.unexpectedMethods(test, op, ctx, m);
            case Mutation.ProbePaths m -> ExposureRunners.probePaths(test, op, ctx, m);
        };
    }
}
