package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API3 property-level exposure, judged by comparing answers that should carry the same properties.
 *
 * <p>{@code compare-roles}: an object owned by one identity (ownership oracle) is read as its owner
 * and as every other identity that may read it. Under {@code sensitive-beyond-owner} a sensitive data
 * type (vigil-core classifier, sensitivity 4 or more: card numbers, national ids, bank accounts,
 * credentials) that another identity receives but the owner's own view does not carry is reported:
 * the API masks or leaves out the value for the data subject, so nobody else needs it either. Under
 * {@code lower-role-sees-more} a sensitive or credential-like field that a less privileged non-owner
 * receives and a more privileged non-owner does not is reported: views meant for one role leaked to
 * another.
 *
 * <p>{@code list-vs-detail}: the items of {@code GET /x} are compared with {@code GET /x/{id}} for
 * the same object as the same identity; a sensitive or credential-like field (or data type) the list
 * carries and the item read does not is reported on the list.
 *
 * <p>Every positive comparison is re-read and must hold again; paths whose values change between
 * two identical reads (volatile) are ignored, and soft-404 routes are discarded.
 */
final class PropertyRunners {
    /** Classifier sensitivity from which a data type counts (card numbers, national ids, IBANs, secrets). */
    static final int MIN_SENSITIVITY = 4;
    /** Field names that hold credentials or internal state whatever their value looks like. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|pwd_?hash|secret|salt|private_?key|api_?key|access_?token|refresh_?token"
                    + "|session_?id|otp_?seed|mfa_?seed|totp).*|(?i)(internal|_internal|debug)[_a-z0-9]*");

    private PropertyRunners() {}

    /** One identity's answer for the object. */
    record View(Identity identity, int level, Observation observation, Map<String, List<String>> leaves) {
        String name() {
            return identity.name();
        }
    }

    /** What leaked: the field paths, to whom, compared with whom, and why. */
    record Exposure(View exposedTo, View comparedWith, List<String> paths, String reason) {}

    private static final int OBJECTS_PER_OWNER = 2;
    private static final int MAX_COMPARISONS = 4;

    static List<Finding> compareRoles(CatalogTest test, Operation op, ScanContext ctx, Mutation.CompareRoles m)
            throws InterruptedException {
        List<Identity> everyone = ctx.byLevel();
        // an object can be uninformative (a freshly created account has no cards yet): compare a few
        // objects, of several owners, before concluding; bounded, since each costs one read per identity
        int comparisonsLeft = MAX_COMPARISONS;
        for (Identity owner : everyone) {
            // staff legitimately see everyone's objects: ownership is judged among identities of the
            // owner's level and below, so an object only its holder sees among peers still has an owner
            int level = ctx.identities.level(owner);
            List<Identity> peersAndBelow = everyone.stream()
                    .filter(i -> ctx.identities.level(i) <= level)
                    .toList();
            for (Map<String, String> object : ctx.oracle.owned(owner, op, peersAndBelow, OBJECTS_PER_OWNER)) {
                if (comparisonsLeft-- <= 0) {
                    return List.of();
                }
                Optional<HttpCall> call = ctx.call(op, object);
                if (call.isEmpty()) {
                    continue;
                }
                Optional<View> ownerView = view(ctx, owner, call.get());
                if (ownerView.isEmpty()) {
                    continue;
                }
                String objectId = object.get(op.pathParameterNames().getLast());
                List<View> others = new ArrayList<>();
                for (Identity other : everyone) {
                    if (other.name().equals(owner.name())) {
                        continue;
                    }
                    Optional<View> v = view(ctx, other, call.get());
                    if (v.isPresent()
                            && sameObject(ownerView.get(), v.get(), objectId)
                            && !ctx.catchAll(other, op, v.get().observation().attempt())) {
                        others.add(v.get());
                    }
                }
                if (others.isEmpty()) {
                    continue;
                }
                Optional<Exposure> exposure =
                        switch (m.rule()) {
                            case SENSITIVE_BEYOND_OWNER -> beyondOwner(ctx, ownerView.get(), others);
                            case LOWER_ROLE_SEES_MORE -> lowerSeesMore(ctx, others);
                        };
                if (exposure.isEmpty() || !holdsAgain(ctx, exposure.get(), test.id() + " re-test")) {
                    continue;
                }
                return report(test, op, ctx, exposure.get()).stream().toList();
            }
        }
        return List.of();
    }

    /**
     * Whether another identity's answer is about the owner's object: both answers name the object's
     * id, or neither does (a route that answers with the caller's own object whatever the id would
     * otherwise compare two different objects, whichever side it serves).
     */
    static boolean sameObject(View owner, View other, String objectId) {
        boolean ownerNamesIt = owner.leaves().values().stream().anyMatch(v -> v.contains(objectId));
        boolean otherNamesIt = other.leaves().values().stream().anyMatch(v -> v.contains(objectId));
        return ownerNamesIt == otherNamesIt;
    }

    /** Sensitive types another identity receives that the owner's view does not carry. */
    static Optional<Exposure> beyondOwner(ScanContext ctx, View owner, List<View> others) {
        // what the owner receives at all: volatile paths are not left out on this side, since a
        // rate-limited second read would otherwise make every owner field look volatile (and absent)
        Set<String> ownerTypes = JsonFields.sensitiveTypes(ctx.classifier(), owner.leaves(), Set.of(), MIN_SENSITIVITY)
                .keySet();
        for (View other : others) {
            Map<String, Set<String>> theirs = types(ctx, other);
            List<String> paths = new ArrayList<>();
            List<String> leaked = new ArrayList<>();
            theirs.forEach((type, where) -> {
                if (!ownerTypes.contains(type)) {
                    leaked.add(type);
                    paths.addAll(where);
                }
            });
            if (!leaked.isEmpty()) {
                return Optional.of(new Exposure(
                        other,
                        owner,
                        paths.stream().distinct().sorted().toList(),
                        "field(s) " + paths.stream().distinct().sorted().toList() + " hold " + leaked + " for "
                                + describe(ctx, other) + ", but " + describe(ctx, owner)
                                + ", the object's owner, receives no " + leaked
                                + " value for the same object (masked or left out)"));
            }
        }
        return Optional.empty();
    }

    /** Sensitive or credential-like fields a less privileged non-owner receives and a more privileged one does not. */
    static Optional<Exposure> lowerSeesMore(ScanContext ctx, List<View> others) {
        for (View low : others) {
            for (View high : others) {
                if (high.level() <= low.level()) {
                    continue;
                }
                List<String> paths = new ArrayList<>();
                Map<String, Set<String>> lowTypes = types(ctx, low);
                for (String path : low.leaves().keySet()) {
                    if (high.leaves().containsKey(path)
                            || low.observation().volatilePaths().contains(path)) {
                        continue;
                    }
                    boolean sensitive =
                            SECRET_NAME.matcher(JsonFields.lastName(path)).matches()
                                    || lowTypes.values().stream().anyMatch(s -> s.contains(path));
                    if (sensitive && !low.leaves().get(path).isEmpty()) {
                        paths.add(path);
                    }
                }
                if (!paths.isEmpty()) {
                    List<String> sorted = paths.stream().sorted().toList();
                    return Optional.of(new Exposure(
                            low,
                            high,
                            sorted,
                            "field(s) " + sorted + " are returned to " + describe(ctx, low) + " but not to the more"
                                    + " privileged " + describe(ctx, high) + " for the same object"));
                }
            }
        }
        return Optional.empty();
    }

    static List<Finding> listVersusDetail(CatalogTest test, Operation list, ScanContext ctx)
            throws InterruptedException {
        Optional<Operation> detail = detailOf(list, ctx.target.operations());
        if (detail.isEmpty()) {
            return List.of();
        }
        String param = detail.get().pathParameterNames().getLast();
        for (Identity identity : ctx.byLevel()) {
            Optional<Observation> lo = ctx.observe(identity, list);
            if (lo.isEmpty() || !lo.get().succeeded()) {
                continue;
            }
            Optional<JsonNode> body =
                    JsonFields.parse(lo.get().attempt().result().body());
            List<JsonNode> items = new ArrayList<>();
            body.flatMap(JsonFields::items).ifPresent(a -> a.forEach(items::add));
            int compared = 0;
            for (JsonNode item : items) {
                Optional<String> id = idOf(item, param);
                if (id.isEmpty() || compared >= 3) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>(ctx.values(identity, list));
                values.put(param, id.get());
                Optional<HttpCall> call = ctx.call(detail.get(), values);
                if (call.isEmpty()) {
                    continue;
                }
                Optional<Observation> d = ctx.observe(identity, call.get());
                if (d.isEmpty() || !d.get().succeeded()) {
                    continue;
                }
                Optional<JsonNode> detailBody =
                        JsonFields.parse(d.get().attempt().result().body());
                if (detailBody.isEmpty() || !detailBody.get().isObject()) {
                    continue;
                }
                // the item read must be about the listed object (it names its id), or the two answers
                // describe different objects and their fields cannot be compared
                String listedId = id.get();
                if (JsonFields.leaves(detailBody.get()).values().stream().noneMatch(v -> v.contains(listedId))) {
                    continue;
                }
                compared++;
                List<String> extra = listOnly(ctx, item, JsonFields.unwrap(detailBody.get()));
                if (extra.isEmpty()) {
                    continue;
                }
                Optional<Attempt> again = ctx.requester.send(identity, lo.get().plainCall(), test.id() + " re-test");
                if (again.isEmpty() || !stillHas(again.get(), extra)) {
                    return List.of();
                }
                Verdicts.Verdict v =
                        Verdicts.evaluate(test, Probe.of(again.get(), lo.get()).withProof(true));
                if (!v.vulnerable()) {
                    return List.of();
                }
                return List.of(ctx.finding(
                        test,
                        list,
                        identity.name(),
                        "field:" + extra.getFirst(),
                        v,
                        true,
                        "item " + id.get() + " of " + list.key() + " carries " + extra + " that "
                                + detail.get().key() + " does not return for the same object to the same identity ("
                                + identity.name() + ")",
                        List.of(lo.get().attempt(), d.get().attempt())));
            }
            if (compared > 0) {
                return List.of();
            }
        }
        return List.of();
    }

    /** {@code GET /x/{id}} for {@code GET /x}. */
    static Optional<Operation> detailOf(Operation list, List<Operation> all) {
        String prefix = list.pathTemplate() + "/{";
        return all.stream()
                .filter(o -> o.method().equals("GET")
                        && o.pathTemplate().startsWith(prefix)
                        && o.pathTemplate().endsWith("}")
                        && o.pathTemplate().indexOf('/', prefix.length()) < 0)
                .findFirst();
    }

    /** The item's id for the detail's path parameter: a field named like it ({@code userId}), else {@code id}. */
    static Optional<String> idOf(JsonNode item, String param) {
        if (!item.isObject()) {
            return Optional.empty();
        }
        for (String name : List.of(param, "id", "uuid")) {
            JsonNode v = item.get(name);
            if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    /** Paths (relative to the item) that the list item has and the detail lacks, when sensitive or credential-like. */
    static List<String> listOnly(ScanContext ctx, JsonNode item, JsonNode detail) {
        Map<String, List<String>> itemLeaves = JsonFields.leaves(item);
        Map<String, List<String>> detailLeaves = JsonFields.leaves(detail);
        Map<String, Set<String>> itemTypes =
                JsonFields.sensitiveTypes(ctx.classifier(), itemLeaves, Set.of(), MIN_SENSITIVITY);
        // everything the item read carries, volatile or not: the question is whether it carries the type at all
        Set<String> detailTypes = JsonFields.sensitiveTypes(ctx.classifier(), detailLeaves, Set.of(), MIN_SENSITIVITY)
                .keySet();
        List<String> out = new ArrayList<>();
        itemLeaves.forEach((path, values) -> {
            if (values.isEmpty()) {
                return;
            }
            boolean missing = !detailLeaves.containsKey(path);
            boolean secretName = SECRET_NAME.matcher(JsonFields.lastName(path)).matches();
            boolean typeOnlyHere = itemTypes.entrySet().stream()
                    .anyMatch(e -> e.getValue().contains(path) && !detailTypes.contains(e.getKey()));
            if ((missing && secretName) || typeOnlyHere) {
                out.add(path);
            }
        });
        return out.stream().sorted().toList();
    }

    private static boolean stillHas(Attempt again, List<String> paths) {
        Optional<JsonNode> body = JsonFields.parse(again.result().body());
        if (body.isEmpty()) {
            return false;
        }
        Set<String> leaves = new java.util.HashSet<>();
        body.flatMap(JsonFields::items)
                .ifPresent(
                        a -> a.forEach(i -> leaves.addAll(JsonFields.leaves(i).keySet())));
        return leaves.containsAll(paths);
    }

    private static Optional<View> view(ScanContext ctx, Identity identity, HttpCall call) throws InterruptedException {
        Optional<Observation> o = ctx.observe(identity, call);
        if (o.isEmpty() || !o.get().succeeded()) {
            return Optional.empty();
        }
        return JsonFields.parse(o.get().attempt().result().body())
                .map(node -> new View(identity, ctx.identities.level(identity), o.get(), JsonFields.leaves(node)));
    }

    private static Map<String, Set<String>> types(ScanContext ctx, View v) {
        return JsonFields.sensitiveTypes(
                ctx.classifier(), v.leaves(), v.observation().volatilePaths(), MIN_SENSITIVITY);
    }

    /** The exposure holds on a fresh read by the identity it was exposed to. */
    private static boolean holdsAgain(ScanContext ctx, Exposure e, String purpose) throws InterruptedException {
        Optional<Attempt> again = ctx.requester.send(
                e.exposedTo().identity(), e.exposedTo().observation().plainCall(), purpose);
        if (again.isEmpty() || !Verdicts.effectiveSuccess(again.get().result())) {
            return false;
        }
        Set<String> paths = JsonFields.parse(again.get().result().body())
                .map(n -> JsonFields.leaves(n).keySet())
                .orElse(Set.of());
        return paths.containsAll(e.paths());
    }

    private static Optional<Finding> report(CatalogTest test, Operation op, ScanContext ctx, Exposure e) {
        Verdicts.Verdict v = Verdicts.evaluate(
                test,
                Probe.of(e.exposedTo().observation().attempt(), e.comparedWith().observation())
                        .withProof(true));
        if (!v.vulnerable()) {
            return Optional.empty();
        }
        return Optional.of(ctx.finding(
                test,
                op,
                e.exposedTo().name(),
                "field:" + e.paths().getFirst(),
                v,
                true,
                e.reason(),
                List.of(
                        e.comparedWith().observation().attempt(),
                        e.exposedTo().observation().attempt())));
    }

    private static String describe(ScanContext ctx, View v) {
        Identity i = v.identity();
        return i.name() + " (" + (i.roles().isEmpty() ? "level " + v.level() : String.join(",", i.roles())) + ")";
    }
}
