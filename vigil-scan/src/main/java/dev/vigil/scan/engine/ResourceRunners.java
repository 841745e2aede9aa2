package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.OperationParameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * API4 unrestricted resource consumption: a page size without a cap, and an oversized request body
 * accepted. Both compare with what the same identity's ordinary request does.
 */
final class ResourceRunners {
    /** Names page sizes commonly go by; other numeric query parameters are candidates too. */
    static final Pattern PAGE_SIZE_NAME = Pattern.compile(
            "(?i)\\$?(limit|size|page_?size|per_?page|count|top|first|last|take|max|max_?results|max_?items"
                    + "|results_?per_?page|rows|num|page_?limit|batch_?size)");
    /** Numeric parameters that position or filter rather than size a page. */
    static final Pattern NOT_PAGE_SIZE = Pattern.compile(
            "(?i).*(offset|page|skip|start|cursor|from|since|until|after|before|id|year|month|day|version|amount"
                    + "|price|min|lat|lon|lng|radius|zoom)");

    private static final int MAX_CANDIDATES = 3;
    private static final int MAX_FIELDS = 3;

    private ResourceRunners() {}

    /** Query parameters that may size a page, named ones first; at most three. */
    static List<OperationParameter> pageSizeCandidates(Operation op) {
        List<OperationParameter> named = new ArrayList<>();
        List<OperationParameter> numeric = new ArrayList<>();
        for (OperationParameter p : op.parameters(ParameterLocation.QUERY)) {
            if (PAGE_SIZE_NAME.matcher(p.name()).matches()) {
                named.add(p);
            } else if ((p.numeric() || p.sample().matches("[0-9]{1,3}"))
                    && !NOT_PAGE_SIZE.matcher(p.name()).matches()) {
                numeric.add(p);
            }
        }
        named.addAll(numeric);
        return named.subList(0, Math.min(MAX_CANDIDATES, named.size()));
    }

    /**
     * A candidate counts as a page size only when the answer's array follows it (1 item for 1, 2 for
     * 2). Then {@code huge} is asked for: more items than the documented maximum (or the mutation's
     * cap when none is documented) prove that nothing bounds the page. A 4xx, or a capped answer, is
     * the safe behaviour; too little data to exceed the bound proves nothing and stays quiet.
     */
    static List<Finding> oversizedPage(CatalogTest test, Operation op, ScanContext ctx, Mutation.OversizedPage m)
            throws InterruptedException {
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty() || !original.get().succeeded()) {
            return List.of();
        }
        Identity identity = InputRunners.identityOf(original.get(), ctx);
        Map<String, String> pathValues = ctx.values(identity, op);
        for (OperationParameter p : pageSizeCandidates(op)) {
            OptionalInt one = count(ctx, test, op, identity, pathValues, p, 1);
            OptionalInt two = count(ctx, test, op, identity, pathValues, p, 2);
            if (one.orElse(-1) != 1 || two.orElse(-1) != 2) {
                continue;
            }
            Optional<Attempt> huge = send(ctx, test.id(), op, identity, pathValues, p, m.huge());
            if (huge.isEmpty() || !Verdicts.effectiveSuccess(huge.get().result())) {
                continue;
            }
            OptionalInt n = JsonFields.count(huge.get().result().body());
            long bound = p.maximum() > 0 ? p.maximum() : m.cap();
            if (n.isEmpty() || n.getAsInt() <= bound) {
                continue;
            }
            Optional<Attempt> again = send(ctx, test.id() + " re-test", op, identity, pathValues, p, m.huge());
            if (again.isEmpty() || JsonFields.count(again.get().result().body()).orElse(0) <= bound) {
                continue;
            }
            Verdicts.Verdict v =
                    Verdicts.evaluate(test, Probe.of(huge.get(), original.get()).withProof(true));
            if (!v.vulnerable()) {
                continue;
            }
            String limit = p.maximum() > 0
                    ? "the documented maximum " + p.maximum()
                    : "the cap of " + m.cap() + " a page should not exceed";
            return List.of(ctx.finding(
                    test,
                    op,
                    identity.name(),
                    "query:" + p.name(),
                    v,
                    true,
                    String.format(
                            Locale.ROOT,
                            "%s=1 returned 1 item and %s=2 returned 2, so %s sizes the page; %s=%d returned %d items,"
                                    + " more than %s",
                            p.name(),
                            p.name(),
                            p.name(),
                            p.name(),
                            m.huge(),
                            n.getAsInt(),
                            limit),
                    List.of(huge.get())));
        }
        return List.of();
    }

    private static OptionalInt count(
            ScanContext ctx,
            CatalogTest test,
            Operation op,
            Identity identity,
            Map<String, String> pathValues,
            OperationParameter p,
            int value)
            throws InterruptedException {
        Optional<Attempt> a = send(ctx, test.id(), op, identity, pathValues, p, value);
        return a.isPresent() && Verdicts.effectiveSuccess(a.get().result())
                ? JsonFields.count(a.get().result().body())
                : OptionalInt.empty();
    }

    private static Optional<Attempt> send(
            ScanContext ctx,
            String purpose,
            Operation op,
            Identity identity,
            Map<String, String> pathValues,
            OperationParameter p,
            int value)
            throws InterruptedException {
        HttpCall call;
        try {
            call = op.call(ctx.target.baseUrl(), pathValues, Map.of(p.name(), Integer.toString(value)));
        } catch (IllegalArgumentException badUrl) {
            return Optional.empty();
        }
        return ctx.requester.send(identity, call, purpose);
    }

    /**
     * The working request with one string field padded until the body has {@code bytes} bytes; a
     * success (2xx that is not an error in disguise) means no size limit applied before the
     * application accepted it. Each field is tried only when the same body with the field's ordinary
     * value succeeds (the sample body; for PATCH, when the sample is refused, a body holding just that
     * field), since a refused small request says nothing about size limits. At most three string
     * fields, stopping at the first accepted; objects such requests create are removed by the scan's
     * cleanup.
     */
    static List<Finding> oversizedBody(CatalogTest test, Operation op, ScanContext ctx, Mutation.OversizedBody m)
            throws InterruptedException {
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty() || !original.get().attempt().result().answered()) {
            return List.of();
        }
        Optional<JsonNode> body = JsonFields.parse(original.get().plainCall().body());
        if (body.isEmpty() || !body.get().isObject()) {
            return List.of();
        }
        boolean sampleWorks = original.get().succeeded();
        if (!sampleWorks && !op.method().equals("PATCH")) {
            return List.of();
        }
        Identity identity = InputRunners.identityOf(original.get(), ctx);
        int tried = 0;
        for (var field : body.get().properties()) {
            if (!field.getValue().isTextual() || tried >= MAX_FIELDS) {
                continue;
            }
            ObjectNode small;
            if (sampleWorks) {
                small = (ObjectNode) body.get();
            } else {
                small = ((ObjectNode) body.get()).objectNode();
                small.set(field.getKey(), field.getValue());
                Optional<Attempt> ok = ctx.requester.send(
                        identity, original.get().plainCall().withBody(small.toString()), test.id() + " baseline");
                if (ok.isEmpty() || !Verdicts.effectiveSuccess(ok.get().result())) {
                    continue;
                }
            }
            tried++;
            String padded = pad(small, field.getKey(), m.bytes());
            HttpCall call = original.get().plainCall().withBody(padded);
            Optional<Attempt> a = ctx.requester.send(identity, call, test.id());
            if (a.isEmpty() || !Verdicts.effectiveSuccess(a.get().result())) {
                continue;
            }
            Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), original.get()));
            if (!v.vulnerable()) {
                continue;
            }
            int size = padded.getBytes(StandardCharsets.UTF_8).length;
            return List.of(ctx.finding(
                    test,
                    op,
                    identity.name(),
                    "body:" + field.getKey(),
                    v,
                    false,
                    String.format(
                            Locale.ROOT,
                            "the request succeeds with %s at its ordinary length; a %d-byte body (%s padded) was"
                                    + " accepted with %d",
                            field.getKey(),
                            size,
                            field.getKey(),
                            a.get().result().status()),
                    List.of(a.get())));
        }
        return List.of();
    }

    /** The body with {@code field} padded so that the whole body has about {@code bytes} bytes. */
    static String pad(ObjectNode body, String field, int bytes) {
        ObjectNode copy = body.deepCopy();
        String value = copy.path(field).asText("");
        int rest = body.toString().getBytes(StandardCharsets.UTF_8).length - value.length();
        int padding = Math.max(1, bytes - rest - value.length());
        copy.put(field, value + "A".repeat(padding));
        return copy.toString();
    }
}
