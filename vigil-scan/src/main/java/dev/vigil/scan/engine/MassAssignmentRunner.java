package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mass-assignment runner: write with extra properties, then read the object back as proof. */
final class MassAssignmentRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MassAssignmentRunner() {}

    /**
     * Mass assignment: the identity writes its object with extra privileged properties, then reads
     * it back; a property that now holds the sent value (and did not before) proves it.
     */
    static List<Finding> addFields(CatalogTest test, Operation op, ScanContext ctx, Mutation.AddFields m)
            throws InterruptedException {
        Optional<Operation> readOp = ctx.target.operations().stream()
                .filter(o -> o.method().equals("GET"))
                .filter(o -> (!op.method().equals("POST") && o.pathTemplate().equals(op.pathTemplate()))
                        || (op.method().equals("POST")
                                && o.pathParameterNames().size()
                                        == op.pathParameterNames().size() + 1
                                && o.pathTemplate().startsWith(op.pathTemplate() + "/{")
                                && !o.pathTemplate()
                                        .substring(op.pathTemplate().length() + 1)
                                        .contains("/")))
                .findFirst();
        if (readOp.isEmpty()) {
            return List.of();
        }
        for (Identity identity : ctx.byLevel()) {
            Map<String, String> values = ctx.values(identity, op);
            Optional<HttpCall> base = ctx.call(op, values);
            if (base.isEmpty() || !ctx.requester.allowed(base.get())) {
                return List.of();
            }
            ObjectNode body;
            try {
                // PATCH sends only the added properties; PUT (below) starts from the current object
                JsonNode parsed = JSON.readTree(
                        op.method().equals("PATCH") || base.get().body().isEmpty()
                                ? "{}"
                                : base.get().body());
                if (!parsed.isObject()) {
                    return List.of();
                }
                body = (ObjectNode) parsed;
            } catch (IOException e) {
                return List.of();
            }
            String before = "";
            if (!op.method().equals("POST")) {
                Optional<HttpCall> read = ctx.call(readOp.get(), values);
                if (read.isEmpty()) {
                    continue;
                }
                Optional<Attempt> b = ctx.requester.send(identity, read.get(), test.id() + " read-back");
                if (b.isEmpty() || !b.get().result().success()) {
                    continue;
                }
                before = b.get().result().body();
                if (op.method().equals("PUT")) {
                    try {
                        JsonNode current = JSON.readTree(before);
                        if (current != null && current.isObject()) {
                            body = (ObjectNode) current;
                        }
                    } catch (IOException e) {
                        // keep the sample body
                    }
                }
            }
            // all properties at once; an API that refuses unknown properties gets them one by one
            List<ObjectNode> variants = new ArrayList<>();
            ObjectNode start = body;
            ObjectNode all = start.deepCopy();
            all.setAll(m.fields().deepCopy());
            variants.add(all);
            m.fields().properties().forEach(e -> {
                ObjectNode one = start.deepCopy();
                one.set(e.getKey(), e.getValue().deepCopy());
                variants.add(one);
            });
            for (int v = 0; v < variants.size(); v++) {
                WriteOutcome outcome = writeAndReadBack(
                        test, op, ctx, m, identity, base.get(), variants.get(v), values, readOp.get(), before);
                if (outcome.finding().isPresent()) {
                    return List.of(outcome.finding().get());
                }
                if (v == 0 && outcome.written()) {
                    break; // the API took every property and none stuck: single ones will not either
                }
            }
            return List.of();
        }
        return List.of();
    }

    /** Whether the target accepted the write, and the finding if reading back proved it. */
    private record WriteOutcome(boolean written, Optional<Finding> finding) {
        static final WriteOutcome REFUSED = new WriteOutcome(false, Optional.empty());
    }

    private static WriteOutcome writeAndReadBack(
            CatalogTest test,
            Operation op,
            ScanContext ctx,
            Mutation.AddFields m,
            Identity identity,
            HttpCall base,
            ObjectNode body,
            Map<String, String> values,
            Operation readOp,
            String before)
            throws InterruptedException {
        HttpCall write;
        try {
            write = base.withBody(JSON.writeValueAsString(body)).withHeader("Content-Type", "application/json");
        } catch (IOException e) {
            return WriteOutcome.REFUSED;
        }
        Optional<Attempt> attempt = ctx.requester.send(identity, write, test.id());
        if (attempt.isEmpty() || !attempt.get().result().success()) {
            return WriteOutcome.REFUSED;
        }
        WriteOutcome written = new WriteOutcome(true, Optional.empty());
        Map<String, String> readValues = values;
        if (op.method().equals("POST")) {
            Optional<String> id = createdId(attempt.get());
            if (id.isEmpty()) {
                return written;
            }
            readValues = new java.util.LinkedHashMap<>(values);
            readValues.put(readOp.pathParameterNames().getLast(), id.get());
        }
        Optional<HttpCall> read = ctx.call(readOp, readValues);
        if (read.isEmpty()) {
            return written;
        }
        Optional<Attempt> after = ctx.requester.send(identity, read.get(), test.id() + " read-back");
        if (after.isEmpty()) {
            return written;
        }
        List<String> stuck =
                stuckFields(m.fields(), before, after.get().result().body());
        Probe probe = Probe.of(attempt.get(), null).withFacts(false, !stuck.isEmpty(), false, false);
        Verdicts.Verdict v = Verdicts.evaluate(test, probe);
        if (!v.vulnerable()) {
            return written;
        }
        return new WriteOutcome(
                true,
                Optional.of(ctx.finding(
                        test,
                        op,
                        identity.name(),
                        "body",
                        v,
                        true,
                        "properties " + stuck + " were stored",
                        List.of(attempt.get(), after.get()))));
    }

    private static Optional<String> createdId(Attempt a) {
        try {
            JsonNode n = JSON.readTree(a.result().body());
            if (n != null && n.hasNonNull("id")) {
                return Optional.of(n.get("id").asText());
            }
        } catch (IOException e) {
            // fall through to Location
        }
        return a.result()
                .header("Location")
                .map(l -> l.substring(l.lastIndexOf('/') + 1))
                .filter(s -> !s.isEmpty());
    }

    /** Added fields whose value, found anywhere in the read-back by name, equals what was sent and differs from before. */
    static List<String> stuckFields(ObjectNode sent, String before, String after) {
        Map<String, String> beforeValues = valuesByName(before);
        Map<String, String> afterValues = valuesByName(after);
        List<String> out = new ArrayList<>();
        sent.properties().forEach(e -> {
            String expected = e.getValue().isValueNode()
                    ? e.getValue().asText()
                    : e.getValue().toString();
            String now = afterValues.get(e.getKey());
            if (expected.equals(now) && !expected.equals(beforeValues.get(e.getKey()))) {
                out.add(e.getKey());
            }
        });
        out.sort(String::compareTo);
        return out;
    }

    private static Map<String, String> valuesByName(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        try {
            JsonNode n = JSON.readTree(body.isBlank() ? "{}" : body);
            collect(n, out);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static void collect(JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                out.putIfAbsent(
                        e.getKey(),
                        e.getValue().isValueNode()
                                ? e.getValue().asText()
                                : e.getValue().toString());
                collect(e.getValue(), out);
            });
        } else if (n.isArray()) {
            n.forEach(x -> collect(x, out));
        }
    }
}
