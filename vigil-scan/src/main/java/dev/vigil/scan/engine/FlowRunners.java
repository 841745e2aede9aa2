package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runners that look at the API across requests or versions: use after delete (API6 business
 * flows: an object the owner deleted must stay gone) and older API versions still answering
 * (API9 inventory).
 */
final class FlowRunners {
    /** A version path segment: {@code v2}, {@code V3}, {@code v2.1}; the major number is group 1. */
    private static final Pattern VERSION = Pattern.compile("(?i)v(\\d{1,3})(?:\\.\\d{1,3})?");

    private static final Pattern SEGMENT = Pattern.compile("(?<=/)(" + VERSION.pattern() + ")(?=/|$)");

    private static final int MAX_OLDER_VERSIONS = 3;

    private FlowRunners() {}

    /**
     * The owner creates an object through the parent collection ({@code POST /x} for
     * {@code DELETE /x/{id}}), reads it ({@code GET /x/{id}} must succeed), deletes it (must
     * succeed), then reads it again: a success there, re-tested and not explained by a catch-all
     * route, is the finding. Pre-existing objects are never deleted: without a creating POST the
     * unit does nothing.
     */
    static List<Finding> useAfterDelete(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        Optional<Operation> read = sibling(ctx, op, "GET");
        Optional<Operation> create = collection(ctx, op);
        if (read.isEmpty() || create.isEmpty()) {
            return List.of();
        }
        for (Identity owner : ctx.byLevel()) {
            Optional<HttpCall> post = ctx.call(create.get(), ctx.values(owner, create.get()));
            if (post.isEmpty()) {
                continue;
            }
            Optional<Attempt> created = ctx.requester.send(owner, post.get(), test.id() + " create");
            Optional<URI> url = created.flatMap(CreatedObjects::parse).flatMap(c -> c.candidates().stream()
                    .filter(u -> CreatedObjects.match(ctx.target.operations(), ctx.target.baseUrl(), u, op.method())
                            .isPresent())
                    .findFirst());
            if (url.isEmpty()) {
                continue;
            }
            HttpCall get = new HttpCall(
                    "GET", url.get(), List.of(new dev.vigil.traffic.Header("Accept", "application/json")), "");
            Optional<Observation> before = ctx.observe(owner, get);
            if (before.isEmpty() || !before.get().succeeded()) {
                continue;
            }
            Optional<Attempt> deleted = ctx.requester.send(owner, get.withMethod(op.method()), test.id() + " delete");
            if (deleted.isEmpty() || !Verdicts.effectiveSuccess(deleted.get().result())) {
                continue;
            }
            Optional<Attempt> after = ctx.requester.send(owner, get, test.id());
            if (after.isEmpty()) {
                return List.of();
            }
            Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(after.get(), before.get()));
            if (!v.vulnerable() || ctx.catchAll(owner, read.get(), after.get())) {
                return updateAfterDelete(test, op, ctx, owner, get, before.get(), deleted.get());
            }
            Optional<Attempt> again = ctx.requester.send(owner, get, test.id() + " re-test");
            if (again.isEmpty()
                    || !Verdicts.evaluate(test, Probe.of(again.get(), before.get()))
                            .vulnerable()) {
                return List.of();
            }
            String param = op.pathParameterNames().getLast();
            return List.of(ctx.finding(
                    test,
                    op,
                    owner.name(),
                    "path:" + param,
                    v,
                    true,
                    "read after " + owner.name() + "'s own " + op.method() + " answered "
                            + deleted.get().result().status(),
                    List.of(before.get().attempt(), deleted.get(), after.get())));
        }
        return List.of();
    }

    /**
     * A PATCH of the deleted object (when documented, with its body sample) that succeeds: the
     * object still takes changes. PUT is not tried, since a PUT may legitimately create the object
     * again.
     */
    private static List<Finding> updateAfterDelete(
            CatalogTest test,
            Operation op,
            ScanContext ctx,
            Identity owner,
            HttpCall get,
            Observation before,
            Attempt deleted)
            throws InterruptedException {
        Optional<Operation> patch = sibling(ctx, op, "PATCH");
        if (patch.isEmpty() || patch.get().sampleBody().isEmpty()) {
            return List.of();
        }
        HttpCall call = new HttpCall(
                "PATCH",
                get.url(),
                List.of(new dev.vigil.traffic.Header("Content-Type", "application/json")),
                patch.get().sampleBody());
        Optional<Attempt> a = ctx.requester.send(owner, call, test.id() + " update");
        if (a.isEmpty()) {
            return List.of();
        }
        Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), before));
        if (!v.vulnerable()) {
            return List.of();
        }
        return List.of(ctx.finding(
                test,
                op,
                owner.name(),
                "path:" + op.pathParameterNames().getLast(),
                v,
                false,
                "PATCH after " + owner.name() + "'s own " + op.method() + " answered "
                        + deleted.result().status(),
                List.of(before.attempt(), deleted, a.get())));
    }

    /**
     * Replaces the version segment of the working request's URL with each older major version
     * (newest first, at most three) and sends it as the same identity. An answer that meets the
     * conditions is a finding unless the older path is itself a documented operation (it is then
     * known inventory, scanned on its own) or a version that cannot exist answers success too (the
     * router ignores the version segment).
     */
    static List<Finding> olderVersion(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        List<Identity> order = new ArrayList<>();
        order.add(ctx.identities.anonymous());
        order.addAll(ctx.byLevel());
        Optional<Observation> original = ctx.firstSucceeding(op, order);
        if (original.isEmpty()) {
            return List.of();
        }
        HttpCall call = original.get().plainCall();
        Identity who = order.stream()
                .filter(i -> i.name().equals(original.get().attempt().identity()))
                .findFirst()
                .orElseThrow();
        String path = call.url().getRawPath();
        MatchResult m = segment(path);
        if (m == null) {
            return List.of();
        }
        int major = Integer.parseInt(m.group(2));
        List<Finding> out = new ArrayList<>();
        for (int older = major - 1; older >= Math.max(1, major - MAX_OLDER_VERSIONS); older--) {
            String olderPath =
                    path.substring(0, m.start(1)) + versionLike(m.group(1), older) + path.substring(m.end(1));
            if (documented(ctx, op.method(), olderPath)) {
                continue;
            }
            Optional<HttpCall> olderCall = withPath(call, olderPath);
            if (olderCall.isEmpty()) {
                continue;
            }
            Optional<Attempt> a = ctx.requester.send(who, olderCall.get(), test.id());
            if (a.isEmpty()) {
                continue;
            }
            Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), original.get()));
            if (!v.vulnerable() || versionIgnored(ctx, who, call, path, m)) {
                continue;
            }
            if (!ctx.stillVulnerable(test, who, olderCall.get(), again -> Probe.of(again, original.get()))) {
                continue;
            }
            out.add(ctx.finding(
                    test,
                    op,
                    who.name(),
                    "path:version",
                    v,
                    true,
                    versionLike(m.group(1), older) + " still answers next to " + m.group(1),
                    List.of(original.get().attempt(), a.get())));
            break; // the newest older version that answers is enough to show the inventory gap
        }
        return out;
    }

    /** The last version-like segment of a raw path: group 1 is the whole segment, group 2 its major number. */
    static MatchResult segment(String path) {
        Matcher m = SEGMENT.matcher(path);
        MatchResult last = null;
        while (m.find()) {
            last = m.toMatchResult();
        }
        return last;
    }

    /** {@code v3} → {@code v2}, keeping the case of the {@code v}; minor versions are dropped. */
    private static String versionLike(String segment, int major) {
        return segment.charAt(0) + Integer.toString(major);
    }

    private static boolean versionIgnored(ScanContext ctx, Identity who, HttpCall call, String path, MatchResult m)
            throws InterruptedException {
        String bogusPath = path.substring(0, m.start(1)) + versionLike(m.group(1), 987) + path.substring(m.end(1));
        Optional<HttpCall> bogus = withPath(call, bogusPath);
        if (bogus.isEmpty()) {
            return true;
        }
        Optional<Attempt> a = ctx.requester.send(who, bogus.get(), "soft-404 baseline");
        return a.isEmpty() || Verdicts.effectiveSuccess(a.get().result());
    }

    private static boolean documented(ScanContext ctx, String method, String rawPath) {
        try {
            URI u = new URI(
                            ctx.target.baseUrl().getScheme(),
                            ctx.target.baseUrl().getRawAuthority(),
                            null,
                            null,
                            null)
                    .resolve(rawPath);
            return CreatedObjects.match(ctx.target.operations(), ctx.target.baseUrl(), u, method)
                    .isPresent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<HttpCall> withPath(HttpCall call, String rawPath) {
        URI u = call.url();
        String s = u.getScheme() + "://" + u.getRawAuthority() + rawPath
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        try {
            return Optional.of(call.withUrl(new URI(s)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The operation of {@code method} on the same path template. */
    private static Optional<Operation> sibling(ScanContext ctx, Operation op, String method) {
        return ctx.target.operations().stream()
                .filter(o -> o.method().equals(method) && o.pathTemplate().equals(op.pathTemplate()))
                .findFirst();
    }

    /** The collection POST of an item operation: {@code POST /x} for {@code /x/{id}}. */
    private static Optional<Operation> collection(ScanContext ctx, Operation op) {
        String t = op.pathTemplate();
        if (!t.endsWith("}")) {
            return Optional.empty();
        }
        String parent = t.substring(0, t.lastIndexOf('/'));
        return ctx.target.operations().stream()
                .filter(o -> o.method().equals("POST") && o.pathTemplate().equals(parent))
                .findFirst();
    }
}
