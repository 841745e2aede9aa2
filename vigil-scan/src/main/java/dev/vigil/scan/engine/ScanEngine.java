package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Transport;
import dev.vigil.scan.identity.CredentialManager;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.report.EvidenceRedactor;
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
 *
 * <p>Progress (plan size, phases, requests, finished units) goes to a {@link ScanProgress}; the
 * engine itself prints nothing.
 */
public final class ScanEngine {
    private final Transport transport;
    private final Clock clock;
    private final Pacer.Sleeper sleeper;
    private final ScanProgress progress;

    public ScanEngine(Transport transport, Clock clock, Pacer.Sleeper sleeper) {
        this(transport, clock, sleeper, ScanProgress.NONE);
    }

    public ScanEngine(Transport transport, Clock clock, Pacer.Sleeper sleeper, ScanProgress progress) {
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    public EngineResult run(
            Target target, Identities identities, Catalog catalog, ScanPolicy policy, Optional<URI> callbackBase)
            throws InterruptedException {
        Map<CatalogTest, List<Operation>> units = units(target, catalog);
        List<EngineResult.PlannedTest> plan = plan(units, identities, policy);
        if (policy.dryRun()) {
            return new EngineResult(
                    plan, List.of(), List.of(), 0, Map.of(), 0, false, true, List.of(), new EvidenceRedactor(Map.of()));
        }
        // login and token requests obey the host allowlist too (add an identity provider's host to it)
        Transport scoped = call -> Requester.inScope(call, policy)
                ? transport.send(call)
                : dev.vigil.scan.http.HttpResult.failed("host not in scope");
        CredentialManager credentials = new CredentialManager(scoped, clock, target.baseUrl());
        Requester requester = new Requester(
                transport, credentials, policy, new Pacer(clock, sleeper, policy.requestsPerSecond()), progress);
        progress.planned(units.values().stream().mapToInt(List::size).sum());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Identities usable = loginAll(identities, credentials, warnings);
        AtomicBoolean exhausted = new AtomicBoolean();
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        List<EngineResult.TestRun> runs = Collections.synchronizedList(new ArrayList<>());
        List<EngineResult.Cleaned> cleanup = new ArrayList<>();
        try (CallbackListener listener = new CallbackListener(callbackBase.orElse(null))) {
            ScanContext ctx = new ScanContext(
                    target,
                    usable,
                    policy,
                    requester,
                    new OwnershipOracle(),
                    listener,
                    clock,
                    FlowPlan.of(target, catalog.flows(), warnings));
            try {
                progress.phase(ScanProgress.Phase.LEARNING);
                learn(ctx);
            } catch (BudgetExhaustedException e) {
                exhausted.set(true);
            }
            Semaphore inFlight = new Semaphore(policy.concurrency());
            // reads first, writes next: a unit that changes state must not race the comparisons of
            // others; lockout probes last, since a locked account could spoil everything after it
            for (int phase = 0; phase < 3; phase++) {
                int current = phase;
                if (phase < 2) { // lockout probes are writes too: one WRITES phase for both
                    progress.phase(phase == 0 ? ScanProgress.Phase.READS : ScanProgress.Phase.WRITES);
                }
                List<Map.Entry<CatalogTest, Operation>> due = new ArrayList<>();
                units.forEach((test, ops) -> ops.stream()
                        .filter(op -> phase(test, op) == current)
                        .forEach(op -> due.add(Map.entry(test, op))));
                if (phase > 0) {
                    // state-changing units run one at a time and in plan order, so each sees the state
                    // the ones before it left, the same on every run: findings are reproducible, which
                    // a baseline needs
                    Semaphore one = new Semaphore(1);
                    for (Map.Entry<CatalogTest, Operation> u : due) {
                        try {
                            runGuarded(
                                    u.getKey(), u.getValue(), ctx, one, exhausted, findings, runs, warnings, progress);
                        } catch (RuntimeException e) {
                            warnings.add(unitFailed(e));
                        }
                    }
                    continue;
                }
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> futures = new ArrayList<>();
                    for (Map.Entry<CatalogTest, Operation> u : due) {
                        futures.add(pool.submit(() -> {
                            runGuarded(
                                    u.getKey(),
                                    u.getValue(),
                                    ctx,
                                    inFlight,
                                    exhausted,
                                    findings,
                                    runs,
                                    warnings,
                                    progress);
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            warnings.add(unitFailed(e.getCause()));
                        }
                    }
                }
            }
            if (policy.allowDestructive()) {
                progress.phase(ScanProgress.Phase.CLEANUP);
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
                new EvidenceRedactor(secrets(identities, credentials)),
                cleanup,
                requester.sentByOperation());
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
                case dev.vigil.scan.identity.CredentialSpec.Mtls m ->
                    mine.add(m.password().value());
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

    private static String unitFailed(Throwable cause) {
        return "unit failed: " + cause.getClass().getSimpleName() + " at "
                + (cause.getStackTrace().length > 0 ? cause.getStackTrace()[0] : "?");
    }

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
                            case Mutation.JwtKeyConfusion m ->
                                "RS/ES/PS tokens re-signed HS256 with the issuer's public key (JWKS)";
                            case Mutation.JwtWeakSecret m ->
                                "HS tokens checked offline against "
                                        + (m.wordlist().isEmpty() ? "the built-in wordlist" : m.wordlist())
                                        + ", a hit proven by a forged token";
                            case Mutation.JwtForeignAudience m -> "tokens with another aud replayed";
                            case Mutation.LoginLockout m ->
                                m.attempts() + " failed logins, then the correct one (lockoutProbe identities only)";
                            case Mutation.InjectDelay m ->
                                m.payloads().size() + " delay payloads (" + m.seconds() + " s, re-test "
                                        + 2 * m.seconds() + " s) into " + sorted(m.into());
                            case Mutation.SkipFlowStep m ->
                                "business flows: call this step without the one before it, compare the effect";
                            case Mutation.ReplayFlowStep m ->
                                "business flows: send this step twice, look for a second effect";
                            case Mutation.OtherHost m -> "same request on undocumented hosts seen in traffic";
                            case Mutation.ForeignReference m ->
                                "other identities' object ids into " + sorted(m.into()) + ", owner's view compared";
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
                            case Mutation.RefreshReplay m ->
                                "fresh login, then its refresh token redeemed twice (identities with a refresh)";
                            case Mutation.ApproveOwnFlowStep m ->
                                "business flows: a step declared for another identity taken by the object's creator";
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

    /**
     * Safe GETs as every identity: collections first, then, wave after wave, operations whose path
     * ids earlier answers revealed (producer-consumer chains such as /accounts ->
     * /accounts/{a}/cards -> /cards/{c}), until no (identity, operation) pair becomes callable. The
     * requests of one wave are independent of each other, so they run on virtual threads with at
     * most {@code concurrency} in flight; the oracle is safe for concurrent learning and what it
     * learns does not depend on the order.
     */
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
        java.util.Set<String> done = new java.util.HashSet<>();
        for (boolean withIds : new boolean[] {false, true}) {
            while (true) {
                List<Map.Entry<Identity, Operation>> wave = new ArrayList<>();
                for (Operation op : gets) {
                    if (op.hasPathParameters() != withIds) {
                        continue;
                    }
                    for (Identity identity : everyone) {
                        if (withIds
                                && ctx.values(identity, op).size()
                                        < op.pathParameterNames().size()) {
                            continue;
                        }
                        if (done.add(identity.name() + "|" + op.key())) {
                            wave.add(Map.entry(identity, op));
                        }
                    }
                }
                if (wave.isEmpty()) {
                    break;
                }
                concurrently(wave, ctx.policy.concurrency(), e -> learnFrom(ctx, e.getKey(), e.getValue()));
                if (!withIds) {
                    break;
                }
            }
        }
    }

    private static void learnFrom(ScanContext ctx, Identity identity, Operation op) throws InterruptedException {
        Optional<Observation> o;
        try (Requester.Attribution a = ctx.requester.attribute(op.key())) {
            o = ctx.observe(identity, op);
        }
        if (o.isPresent() && o.get().succeeded()) {
            ctx.oracle.learn(identity, op, o.get().attempt().result().body());
            LinkFollower.learn(ctx, identity, op, o.get().attempt().result());
        }
    }

    /** One step of work that may send requests. */
    @FunctionalInterface
    private interface Step<T> {
        void run(T item) throws InterruptedException;
    }

    /**
     * Runs {@code step} for every item on its own virtual thread, at most {@code limit} at once, and
     * waits for all; the first failure (an exhausted budget, an interruption) is rethrown after all
     * have finished.
     */
    private static <T> void concurrently(List<T> items, int limit, Step<T> step) throws InterruptedException {
        Semaphore slots = new Semaphore(limit);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                pool.submit(() -> {
                    try {
                        slots.acquire();
                        try {
                            if (failure.get() == null) {
                                step.run(item);
                            }
                        } finally {
                            slots.release();
                        }
                    } catch (InterruptedException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                    return null;
                });
            }
        }
        switch (failure.get()) {
            case null -> {}
            case InterruptedException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException(failure.get());
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
                Optional<dev.vigil.scan.http.Attempt> a;
                try (Requester.Attribution scope = ctx.requester.attribute(op.key())) {
                    a = ctx.requester.send(identity, call.get(), "create owned objects");
                }
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

    /** 0: reads, run concurrently; 1: state changes, one at a time; 2: lockout probes, at the very end. */
    static int phase(CatalogTest test, Operation op) {
        if (test.mutation() instanceof Mutation.LoginLockout) {
            return 2;
        }
        return changesState(test, op) ? 1 : 0;
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
            List<String> warnings,
            ScanProgress progress)
            throws InterruptedException {
        if (exhausted.get()) {
            runs.add(new EngineResult.TestRun(test.id(), op.key(), 0, "request budget exhausted", 0));
            progress.unitDone(test.id(), op.key(), 0);
            return;
        }
        inFlight.acquire();
        if (ctx.listener != null) {
            ctx.listener.holding(inFlight);
        }
        int found = 0;
        try (Requester.Attribution scope = ctx.requester.attribute(op.key())) {
            try {
                List<Finding> confirmed = runUnit(test, op, ctx);
                found = confirmed.size();
                findings.addAll(confirmed);
                runs.add(new EngineResult.TestRun(test.id(), op.key(), found, "", scope.requests()));
            } catch (BudgetExhaustedException e) {
                exhausted.set(true);
                runs.add(
                        new EngineResult.TestRun(test.id(), op.key(), 0, "request budget exhausted", scope.requests()));
            } catch (CredentialManager.LoginFailedException e) {
                warnings.add(e.getMessage());
                runs.add(new EngineResult.TestRun(test.id(), op.key(), 0, "credentials unavailable", scope.requests()));
            }
        } finally {
            if (ctx.listener != null) {
                ctx.listener.holding(null);
            }
            inFlight.release();
            progress.unitDone(test.id(), op.key(), found);
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
            case Mutation.JwtKeyConfusion m -> AuthRunners.keyConfusion(test, ctx);
            case Mutation.JwtWeakSecret m -> AuthRunners.weakSecret(test, ctx, m);
            case Mutation.JwtForeignAudience m -> AuthRunners.foreignAudience(test, ctx);
            case Mutation.LoginLockout m -> AuthRunners.lockout(test, op, ctx, m);
            case Mutation.SkipFlowStep m -> BusinessFlowRunners.skipStep(test, op, ctx);
            case Mutation.ReplayFlowStep m -> BusinessFlowRunners.replayStep(test, op, ctx);
            case Mutation.ForeignReference m -> ForeignReferenceRunner.run(test, op, ctx, m);
            case Mutation.OtherHost m -> HostRunner.otherHosts(test, op, ctx);
            case Mutation.CompareRoles m -> PropertyRunners.compareRoles(test, op, ctx, m);
            case Mutation.ListVersusDetail m -> PropertyRunners.listVersusDetail(test, op, ctx);
            case Mutation.OversizedPage m -> ResourceRunners.oversizedPage(test, op, ctx, m);
            case Mutation.OversizedBody m -> ResourceRunners.oversizedBody(test, op, ctx, m);
            case Mutation.UnexpectedMethods m -> ExposureRunners.unexpectedMethods(test, op, ctx, m);
            case Mutation.ProbePaths m -> ExposureRunners.probePaths(test, op, ctx, m);
            case Mutation.RefreshReplay m -> RefreshReplayRunner.run(test, op, ctx);
            case Mutation.ApproveOwnFlowStep m -> ApprovalRunner.approveOwn(test, op, ctx);
        };
    }
}
