package dev.vigil.openapi;

import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Exposure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Classifies a learned inventory against documented specs: shadow, zombie (deprecated, removed,
 * old version, stale), drift, unseen and third-party endpoints. Stateless apart from its settings;
 * the same inventory, specs and clock instant always give the same report. See
 * {@code docs/spec-diff.md} for every kind and its severity.
 */
public final class SpecDiff {
    private static final Set<Integer> NOT_ANSWERING = Set.of(404, 405, 410, 501);

    private final DiffConfig config;
    private final Clock clock;
    private final OperationDrift drift = new OperationDrift();

    public SpecDiff(DiffConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Diffs {@code inventory} against {@code specs}. Several specs may be releases of one API (the
     * newest is current) or APIs side by side; see {@code docs/spec-diff.md} for how they are told
     * apart. Endpoints on ignored hosts take no part.
     */
    public DiffReport diff(List<Endpoint> inventory, List<ApiSpec> specs) {
        Instant now = clock.instant();
        List<Endpoint> observed = inventory.stream()
                .filter(e -> !config.ignores(e.key().host()))
                .sorted(Comparator.comparing(Endpoint::key))
                .toList();
        Set<String> hosts = new TreeSet<>();
        observed.forEach(e -> hosts.add(e.key().host().toLowerCase(Locale.ROOT)));
        SpecCatalog catalog = new SpecCatalog(specs, hosts);
        OldVersions oldVersions = new OldVersions(
                observed.stream()
                        .filter(e -> e.exposure() != Exposure.THIRD_PARTY && answers(e))
                        .toList(),
                catalog);
        Map<SpecCatalog.Documented, Boolean> seen = new IdentityHashMap<>();
        List<DiffFinding> findings = new ArrayList<>();
        for (Endpoint endpoint : observed) {
            Optional<SpecCatalog.Match> current = catalog.match(endpoint, true);
            current.ifPresent(m -> seen.put(m.documented(), Boolean.TRUE));
            if (endpoint.exposure() == Exposure.THIRD_PARTY) {
                findings.add(finding(
                        FindingKind.THIRD_PARTY,
                        endpoint,
                        "outbound call to a third-party host, " + endpoint.calls() + " calls"));
                continue;
            }
            classify(endpoint, current, catalog, findings);
            stale(endpoint, now, findings);
            if (!answers(endpoint)) {
                continue;
            }
            oldVersions
                    .newerThan(endpoint)
                    .ifPresent(newer -> findings.add(finding(
                            FindingKind.ZOMBIE_OLD_VERSION,
                            endpoint,
                            "version " + newer.version().text() + " exists while " + versionOf(endpoint)
                                    + " still answers: " + newer.description())));
        }
        int documented = 0;
        for (SpecCatalog.Documented entry : catalog.all()) {
            if (!entry.current()) {
                continue;
            }
            documented++;
            if (!seen.containsKey(entry)) {
                findings.add(DiffFinding.of(
                        FindingKind.UNSEEN,
                        entry.operation().method(),
                        entry.operation().pathTemplate(),
                        entry.displayHost(),
                        "documented in " + describe(entry.spec()) + ", never observed"));
            }
        }
        return new DiffReport(List.copyOf(new TreeSet<>(findings)), observed.size(), documented);
    }

    private void classify(
            Endpoint endpoint, Optional<SpecCatalog.Match> current, SpecCatalog catalog, List<DiffFinding> findings) {
        if (current.isPresent()) {
            SpecCatalog.Match match = current.get();
            SpecOperation operation = match.documented().operation();
            if (operation.deprecated()) {
                findings.add(finding(
                        FindingKind.ZOMBIE_DEPRECATED,
                        endpoint,
                        "deprecated in " + describe(match.documented().spec()) + " but still called, "
                                + endpoint.calls() + " calls"));
            }
            if (match.exactMethod()) {
                findings.addAll(drift.findings(endpoint, operation));
            }
            return;
        }
        if (!answers(endpoint)) {
            return; // only "not found" answers: nothing lives there (a probe, or a properly removed route)
        }
        Optional<SpecCatalog.Match> historic = catalog.match(endpoint, false);
        if (historic.isPresent()) {
            SpecCatalog.Documented old = historic.get().documented();
            findings.add(finding(
                    FindingKind.ZOMBIE_REMOVED,
                    endpoint,
                    "documented in " + describe(old.spec()) + ", removed from " + describe(catalog.newestOf(old))
                            + ", still answering (" + endpoint.calls() + " calls)"));
            return;
        }
        findings.add(
                finding(FindingKind.SHADOW, endpoint, "not documented in any spec, " + endpoint.calls() + " calls"));
    }

    private void stale(Endpoint endpoint, Instant now, List<DiffFinding> findings) {
        if (endpoint.lastSeen().plus(config.zombieAfter()).isBefore(now)) {
            long days = Duration.between(endpoint.lastSeen(), now).toDays();
            findings.add(finding(
                    FindingKind.ZOMBIE_STALE,
                    endpoint,
                    "last seen " + endpoint.lastSeen() + " (" + days + " days ago; zombie after "
                            + config.zombieAfter().toDays() + " days)"));
        }
    }

    /**
     * Whether anything lives at the endpoint: some response other than 404, 405, 410 or 501 (401 and
     * 403 count: a protected route exists). With no responses recorded, assume it answers.
     */
    private static boolean answers(Endpoint endpoint) {
        if (endpoint.responses().isEmpty()) {
            return true;
        }
        for (int status : endpoint.responses().keySet()) {
            if (!NOT_ANSWERING.contains(status)) {
                return true;
            }
        }
        return false;
    }

    private static String versionOf(Endpoint endpoint) {
        return ApiVersion.inPath(RoutePattern.of(endpoint.key().pathTemplate()))
                .or(() -> ApiVersion.inHost(endpoint.key().host()))
                .map(ApiVersion::text)
                .orElse("?");
    }

    private static String describe(ApiSpec spec) {
        return spec.source() + (spec.version().isEmpty() ? "" : " (version " + spec.version() + ")");
    }

    private static DiffFinding finding(FindingKind kind, Endpoint endpoint, String detail) {
        return DiffFinding.of(
                kind,
                endpoint.key().method(),
                endpoint.key().pathTemplate(),
                endpoint.key().host(),
                detail);
    }
}
