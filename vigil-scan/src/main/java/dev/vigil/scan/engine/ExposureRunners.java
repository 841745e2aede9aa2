package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API8 security misconfiguration of the HTTP surface: methods the API does not document, and
 * well-known debug and management paths. A bare 200 proves nothing on servers that answer every
 * path; each verdict needs content (an echoed request, the proof patterns of a probe) or a control
 * request that the same server refuses.
 */
final class ExposureRunners {
    private static final String TRACE_HEADER = "X-Vigil-Trace";
    private static final String NONEXISTENT = "vigil-nonexistent-7f3a9c";
    /** A method no server implements: answered with success, it shows that the server ignores methods. */
    static final String NONSENSE_METHOD = "VIGILPROBE";

    private ExposureRunners() {}

    static List<Finding> unexpectedMethods(
            CatalogTest test, Operation op, ScanContext ctx, Mutation.UnexpectedMethods m) throws InterruptedException {
        Set<String> documented = ctx.target.operations().stream()
                .filter(o -> o.pathTemplate().equals(op.pathTemplate()))
                .map(Operation::method)
                .collect(Collectors.toSet());
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty() || !original.get().attempt().result().answered()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (String method : m.methods()) {
            if (documented.contains(method)) {
                continue;
            }
            Optional<Finding> f = method.equals("TRACE")
                    ? trace(test, op, ctx, original.get())
                    : undocumented(test, op, ctx, original.get(), method);
            f.ifPresent(out::add);
        }
        return out;
    }

    /** TRACE sent anonymously with a marker header: an answer echoing the request line and the marker proves TRACE is on. */
    private static Optional<Finding> trace(CatalogTest test, Operation op, ScanContext ctx, Observation original)
            throws InterruptedException {
        String token = InputRunners.token(test.id() + "|" + op.key());
        HttpCall call = original.plainCall()
                .withMethod("TRACE")
                .withBody("")
                .withoutHeader("Content-Type")
                .withHeader(TRACE_HEADER, token);
        Identity anonymous = ctx.identities.anonymous();
        Optional<Attempt> a = ctx.requester.send(anonymous, call, test.id());
        if (a.isEmpty() || !echoes(a.get().result(), token)) {
            return Optional.empty();
        }
        Optional<Attempt> again = ctx.requester.send(anonymous, call, test.id() + " re-test");
        if (again.isEmpty() || !echoes(again.get().result(), token)) {
            return Optional.empty();
        }
        Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), original).withProof(true));
        if (!v.vulnerable()) {
            return Optional.empty();
        }
        return Optional.of(ctx.finding(
                test,
                op,
                anonymous.name(),
                "method:TRACE",
                v,
                true,
                "TRACE answered " + a.get().result().status() + " echoing the request line and the " + TRACE_HEADER
                        + " header sent with it",
                List.of(a.get())));
    }

    static boolean echoes(HttpResult r, String token) {
        return r.success() && r.body().contains("TRACE ") && r.body().contains(token);
    }

    /**
     * An undocumented write method on a read operation, as the identity whose read works: PUT sends
     * back the representation just read, PATCH an empty object, DELETE only an object this identity
     * created during the scan. A success counts when a made-up method on the same URL is refused
     * (otherwise the server ignores methods and serves every one like GET, which proves nothing).
     */
    private static Optional<Finding> undocumented(
            CatalogTest test, Operation op, ScanContext ctx, Observation original, String method)
            throws InterruptedException {
        if (!original.succeeded()) {
            return Optional.empty();
        }
        Identity identity = InputRunners.identityOf(original, ctx);
        if (identity.isAnonymous() && !method.equals("PUT") && !method.equals("PATCH")) {
            return Optional.empty();
        }
        HttpCall call = original.plainCall().withMethod(method);
        switch (method) {
            case "PUT" ->
                call = call.withHeader("Content-Type", "application/json")
                        .withBody(original.attempt().result().body());
            case "PATCH" ->
                call = call.withHeader("Content-Type", "application/json").withBody("{}");
            case "DELETE" -> {
                if (!createdByScan(ctx, identity, original.plainCall().url())) {
                    return Optional.empty();
                }
                call = call.withBody("");
            }
            default -> {
                return Optional.empty();
            }
        }
        Optional<Attempt> a = ctx.requester.send(identity, call, test.id());
        if (a.isEmpty() || !Verdicts.effectiveSuccess(a.get().result())) {
            return Optional.empty();
        }
        // a server that ignores methods answers a method that cannot exist too: then the success proves nothing
        Optional<Attempt> control =
                ctx.requester.send(identity, call.withMethod(NONSENSE_METHOD), test.id() + " control");
        if (control.isEmpty() || Verdicts.effectiveSuccess(control.get().result())) {
            return Optional.empty();
        }
        Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), original).withProof(true));
        if (!v.vulnerable()) {
            return Optional.empty();
        }
        return Optional.of(ctx.finding(
                test,
                op,
                identity.name(),
                "method:" + method,
                v,
                false,
                method + " is not documented for " + op.pathTemplate() + " but answered "
                        + a.get().result().status() + ", while the made-up method " + NONSENSE_METHOD
                        + " on the same URL answered " + control.get().result().status(),
                List.of(a.get(), control.get())));
    }

    private static boolean createdByScan(ScanContext ctx, Identity identity, URI url) {
        return ctx.requester.created().all().stream()
                .filter(c -> c.identity().equals(identity.name()))
                .flatMap(c -> c.candidates().stream())
                .anyMatch(u -> u.getPath().equals(url.getPath()));
    }

    /**
     * Each probe path on the target's host, anonymously and, when that is refused, as the most
     * privileged identity. Only a success whose body (HEAD: headers) matches one of the probe's
     * proof patterns counts, and only when the same path under a directory that cannot exist does
     * not match too (a catch-all page that happens to contain the pattern).
     */
    static List<Finding> probePaths(CatalogTest test, Operation op, ScanContext ctx, Mutation.ProbePaths m)
            throws InterruptedException {
        URI base = ctx.target.baseUrl();
        String root = base.getScheme() + "://" + base.getRawAuthority();
        List<Identity> callers = new ArrayList<>();
        callers.add(ctx.identities.anonymous());
        List<Identity> byLevel = ctx.byLevel();
        if (!byLevel.isEmpty()) {
            callers.add(byLevel.getLast());
        }
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Mutation.PathProbe probe : m.probes()) {
            for (Identity caller : callers) {
                HttpCall call = new HttpCall(
                        probe.method(),
                        URI.create(root + probe.path()),
                        List.of(new Header("Accept", "application/json, text/plain, */*")),
                        "");
                Optional<Attempt> a = ctx.requester.send(caller, call, test.id());
                if (a.isEmpty()) {
                    break;
                }
                HttpResult r = a.get().result();
                if (r.denied()) {
                    continue;
                }
                Optional<String> proof = proof(probe, r);
                if (proof.isEmpty()) {
                    break;
                }
                HttpCall controlCall = call.withUrl(URI.create(root + "/" + NONEXISTENT + probe.path()));
                Optional<Attempt> control = ctx.requester.send(caller, controlCall, test.id() + " soft-404 baseline");
                if (control.isEmpty() || proof(probe, control.get().result()).isPresent()) {
                    break;
                }
                Operation probed = new Operation(probe.method(), probe.path(), List.of(), "", false, "probe");
                Verdicts.Verdict v =
                        Verdicts.evaluate(test, Probe.of(a.get(), null).withProof(true));
                if (v.vulnerable()) {
                    out.putIfAbsent(
                            probe.path(),
                            ctx.finding(
                                    test,
                                    probed,
                                    caller.name(),
                                    "path:" + probe.path(),
                                    v,
                                    true,
                                    probe.method() + " " + probe.path() + " answered " + r.status() + " with \""
                                            + proof.get() + "\"; the same path under a directory that cannot exist"
                                            + " did not",
                                    List.of(masked(a.get()), control.get())));
                }
                break;
            }
        }
        return new ArrayList<>(out.values());
    }

    private static final Pattern ENV_VALUE = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_.]*\\s*=\\s*).+$");
    private static final Pattern JSON_VALUE =
            Pattern.compile("(\"value\"\\s*:\\s*)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|[^,}\\]]+)");

    /**
     * The evidence with configuration values masked: a debug page may carry the target's own secrets
     * (database passwords, keys), which the report must not copy. Names and structure stay as proof.
     */
    static Attempt masked(Attempt a) {
        HttpResult r = a.result();
        String body = ENV_VALUE.matcher(r.body()).replaceAll("$1[masked by vigil]");
        body = JSON_VALUE.matcher(body).replaceAll("$1\"[masked by vigil]\"");
        return new Attempt(
                a.identity(), a.call(), new HttpResult(r.status(), r.headers(), body, r.millis(), r.error()));
    }

    private static Optional<String> proof(Mutation.PathProbe probe, HttpResult r) {
        if (!Verdicts.effectiveSuccess(r)) {
            return Optional.empty();
        }
        String text = probe.method().equals("HEAD")
                ? r.headers().stream()
                        .map(h -> h.name().toLowerCase(Locale.ROOT) + ": " + h.value())
                        .collect(Collectors.joining("\n"))
                : r.body();
        for (Pattern p : probe.proof()) {
            Matcher matcher = p.matcher(text);
            if (matcher.find()) {
                String hit = matcher.group();
                return Optional.of(hit.length() > 60 ? hit.substring(0, 60) + "…" : hit);
            }
        }
        return Optional.empty();
    }
}
