package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BOLA through references in query and body (API1): a state-changing request whose id-like query
 * parameter or top-level JSON field ({@code fromAccountId}) is set to an object only one peer has
 * seen, sent by another peer. A success alone proves little (the API may ignore the field, or act
 * on the caller's own object), so the finding needs the owner's own view of that object (the GETs
 * its id fills, such as {@code /accounts/{accountId}} and {@code /accounts/{accountId}/payments})
 * to change.
 */
final class ForeignReferenceRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForeignReferenceRunner() {}

    static List<Finding> run(CatalogTest test, Operation op, ScanContext ctx, Mutation.ForeignReference m)
            throws InterruptedException {
        if (op.safeMethod()) {
            return List.of();
        }
        List<Identity> all = ctx.byLevel();
        for (Map.Entry<Mutation.Into, String> ref : references(op, m)) {
            for (Identity owner : all) {
                List<String> owned = ctx.oracle.ownedReferences(owner, ref.getValue(), all, 1);
                if (owned.isEmpty()) {
                    continue;
                }
                String value = owned.getFirst();
                List<StateViews.Witness> view = StateViews.witnesses(ctx, Map.of(ref.getValue(), value));
                if (view.isEmpty()) {
                    continue; // nothing shows the owner's object: no proof possible
                }
                for (Identity other : all) {
                    if (other.name().equals(owner.name())
                            || ctx.identities.level(other) != ctx.identities.level(owner)) {
                        continue;
                    }
                    Optional<HttpCall> call = call(ctx, op, other, ref, value);
                    if (call.isEmpty()) {
                        continue;
                    }
                    Map<String, String> s0 = StateViews.read(ctx, owner, view, "state read");
                    Map<String, String> s0b = StateViews.read(ctx, owner, view, "state read");
                    if (s0b.isEmpty()) {
                        break; // the owner cannot read its own object: no proof possible
                    }
                    Optional<Attempt> a = ctx.requester.send(other, call.get(), test.id());
                    if (a.isEmpty()) {
                        continue;
                    }
                    Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), null));
                    if (!v.vulnerable()) {
                        continue;
                    }
                    Map<String, String> s1 = StateViews.read(ctx, owner, view, "state read");
                    Set<String> restless = new LinkedHashSet<>(StateViews.changed(s0, s0b));
                    restless.addAll(StateViews.changed(s0b, s0));
                    List<String> changed = StateViews.changed(s0b, s1).stream()
                            .filter(k -> !restless.contains(k))
                            .toList();
                    if (changed.isEmpty()) {
                        continue; // accepted, but the owner's object did not change
                    }
                    String label = ref.getKey().name().toLowerCase(java.util.Locale.ROOT) + ":" + ref.getValue();
                    return List.of(ctx.finding(
                            test,
                            op,
                            other.name(),
                            label,
                            v,
                            false,
                            other.name() + " sent " + owner.name() + "'s " + ref.getValue() + " (seen only by "
                                    + owner.name() + ") and " + owner.name() + "'s view changed: "
                                    + String.join(", ", changed.subList(0, Math.min(3, changed.size()))),
                            List.of(a.get())));
                }
            }
        }
        return List.of();
    }

    /** Id-like query parameters and top-level body fields of the operation's sample, in a stable order. */
    private static List<Map.Entry<Mutation.Into, String>> references(Operation op, Mutation.ForeignReference m) {
        List<Map.Entry<Mutation.Into, String>> out = new ArrayList<>();
        if (m.into().contains(Mutation.Into.BODY) && op.sampleBody().strip().startsWith("{")) {
            try {
                JsonNode body = JSON.readTree(op.sampleBody());
                body.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && idLike(e.getKey())) {
                        out.add(Map.entry(Mutation.Into.BODY, e.getKey()));
                    }
                });
            } catch (IOException e) {
                // not JSON: no body references
            }
        }
        if (m.into().contains(Mutation.Into.QUERY)) {
            for (OperationParameter p : op.parameters(ParameterLocation.QUERY)) {
                if (idLike(p.name())) {
                    out.add(Map.entry(Mutation.Into.QUERY, p.name()));
                }
            }
        }
        return out;
    }

    private static boolean idLike(String name) {
        String n = StateViews.norm(name);
        return !n.equals("id") && n.endsWith("id");
    }

    /** The caller's own working request (its own references) with one reference set to the foreign value. */
    private static Optional<HttpCall> call(
            ScanContext ctx, Operation op, Identity caller, Map.Entry<Mutation.Into, String> ref, String value) {
        Optional<HttpCall> base = ctx.call(op, ctx.values(caller, op));
        if (base.isEmpty()) {
            return Optional.empty();
        }
        HttpCall own = ctx.withOwnReferences(caller, base.get());
        try {
            return switch (ref.getKey()) {
                case BODY -> {
                    ObjectNode body = (ObjectNode) JSON.readTree(own.body());
                    if (!body.has(ref.getValue())) {
                        yield Optional.empty();
                    }
                    if (body.get(ref.getValue()).isIntegralNumber() && value.matches("-?\\d{1,18}")) {
                        body.put(ref.getValue(), Long.parseLong(value));
                    } else {
                        body.put(ref.getValue(), value);
                    }
                    yield Optional.of(own.withBody(JSON.writeValueAsString(body)));
                }
                case QUERY -> {
                    Map<String, String> q = new LinkedHashMap<>(InputLocation.query(own.url()));
                    q.put(ref.getValue(), value);
                    HttpCall c = op.call(ctx.target.baseUrl(), ctx.values(caller, op), q);
                    yield Optional.of(own.withUrl(c.url()));
                }
                case PATH -> Optional.empty();
            };
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
