package dev.vigil.scan.engine;

import dev.vigil.scan.catalog.BusinessFlow;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.OperationLink;
import dev.vigil.scan.surface.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A business flow the engine can run: operations of the target in order, with what each step's
 * answer provides to later ones. {@code orderKnown} is true when someone stated the order (a
 * declared flow, OpenAPI links); an inferred order must be confirmed by the API itself before a
 * skipped step counts (the step skipped must be refused once the later one has happened).
 */
record FlowPlan(String name, List<Step> steps, boolean orderKnown, String origin) {
    FlowPlan {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        Objects.requireNonNull(origin, "origin");
    }

    /** One step: the operation, a body replacing its sample ("" keeps it), values to extract from its answer. */
    record Step(Operation op, String body, Map<String, BusinessFlow.Extract> extract, BusinessFlow.Actor actor) {
        Step {
            Objects.requireNonNull(op, "op");
            body = body == null ? "" : body;
            extract = Map.copyOf(extract);
            Objects.requireNonNull(actor, "actor");
        }

        Step(Operation op, String body, Map<String, BusinessFlow.Extract> extract) {
            this(op, body, extract, BusinessFlow.Actor.CREATOR);
        }
    }

    /** Where the step sits in this flow, or -1. */
    int indexOf(Operation op) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).op().key().equals(op.key())) {
                return i;
            }
        }
        return -1;
    }

    private static final Pattern ACTION = Pattern.compile("/[A-Za-z][A-Za-z0-9_.-]*");

    /**
     * Every flow of a target: declared ones (unknown operations are reported in {@code warnings}),
     * chains of OpenAPI links between state-changing operations, and inferred ones: for a
     * collection {@code POST /x} whose objects are readable ({@code GET /x/{id}}) and have action
     * operations ({@code POST|PUT|PATCH /x/{id}/verb} without a GET on the same path), create → B →
     * C for each ordered pair of actions and create → C for each action.
     */
    static List<FlowPlan> of(Target target, List<BusinessFlow> declared, List<String> warnings) {
        Map<String, Operation> byKey = new LinkedHashMap<>();
        target.operations().forEach(o -> byKey.put(o.key(), o));
        List<FlowPlan> out = new ArrayList<>();
        for (BusinessFlow f : declared) {
            List<Step> steps = new ArrayList<>();
            for (BusinessFlow.Step s : f.steps()) {
                Operation op = byKey.get(normalizedKey(s.operation()));
                if (op == null) {
                    warnings.add("flow " + f.name() + ": operation " + s.operation()
                            + " is not in the target (flow not tested)");
                    steps = null;
                    break;
                }
                steps.add(new Step(op, s.body(), s.extract(), s.actor()));
            }
            if (steps != null) {
                out.add(new FlowPlan(f.name(), steps, true, "declared in " + f.source()));
            }
        }
        out.addAll(linked(target, byKey));
        out.addAll(inferred(target));
        return out;
    }

    private static String normalizedKey(String key) {
        String k = key.strip();
        int space = k.indexOf(' ');
        return space < 0
                ? k
                : k.substring(0, space).toUpperCase(java.util.Locale.ROOT) + " "
                        + k.substring(space + 1).strip();
    }

    /** Chains of links from a state-changing operation to another, starting where no such link arrives. */
    private static List<FlowPlan> linked(Target target, Map<String, Operation> byKey) {
        Map<String, OperationLink> next = new LinkedHashMap<>();
        java.util.Set<String> targets = new java.util.HashSet<>();
        for (OperationLink l : target.links()) {
            Operation from = byKey.get(l.from());
            Operation to = byKey.get(l.to());
            if (from == null || to == null || from.safeMethod() || to.safeMethod() || next.containsKey(l.from())) {
                continue;
            }
            next.put(l.from(), l);
            targets.add(l.to());
        }
        List<FlowPlan> out = new ArrayList<>();
        for (String start : next.keySet()) {
            if (targets.contains(start)) {
                continue;
            }
            List<Step> steps = new ArrayList<>();
            java.util.Set<String> visited = new java.util.HashSet<>();
            String at = start;
            while (at != null && visited.add(at)) {
                OperationLink l = next.get(at);
                Map<String, BusinessFlow.Extract> mine = new LinkedHashMap<>();
                if (l != null) {
                    l.parameters().forEach((param, expr) -> extraction(expr).ifPresent(x -> mine.put(param, x)));
                }
                steps.add(new Step(byKey.get(at), "", mine));
                at = l == null ? null : l.to();
            }
            if (steps.size() >= 2) {
                out.add(new FlowPlan("links from " + start, steps, true, "OpenAPI links"));
            }
        }
        return out;
    }

    /** {@code $response.body#/p} and {@code $response.header.Name} as extractions; others are not usable. */
    static Optional<BusinessFlow.Extract> extraction(String expression) {
        String e = expression.strip();
        if (e.startsWith("{") && e.endsWith("}")) {
            e = e.substring(1, e.length() - 1);
        }
        if (e.startsWith("$response.header.")) {
            return Optional.of(new BusinessFlow.Extract("header:" + e.substring("$response.header.".length()), "", ""));
        }
        if (e.equals("$response.body")) {
            return Optional.of(new BusinessFlow.Extract("body", "", ""));
        }
        if (e.startsWith("$response.body#")) {
            return Optional.of(new BusinessFlow.Extract("body", e.substring("$response.body#".length()), ""));
        }
        return Optional.empty();
    }

    private static List<FlowPlan> inferred(Target target) {
        List<FlowPlan> out = new ArrayList<>();
        for (Operation create : target.operations()) {
            if (!create.method().equals("POST") || create.pathTemplate().endsWith("}")) {
                continue;
            }
            String collection = create.pathTemplate();
            Optional<Operation> item = target.operations().stream()
                    .filter(o -> o.method().equals("GET") && isItem(collection, o.pathTemplate()))
                    .findFirst();
            if (item.isEmpty()) {
                continue;
            }
            String itemTemplate = item.get().pathTemplate();
            List<Operation> actions = target.operations().stream()
                    .filter(o -> !o.safeMethod()
                            && !o.method().equals("DELETE")
                            && o.pathTemplate().startsWith(itemTemplate + "/")
                            && ACTION.matcher(o.pathTemplate().substring(itemTemplate.length()))
                                    .matches()
                            && !readable(target, o.pathTemplate()))
                    .toList();
            for (Operation c : actions) {
                out.add(new FlowPlan(
                        create.key() + " → " + c.key(),
                        List.of(new Step(create, "", Map.of()), new Step(c, "", Map.of())),
                        false,
                        "inferred"));
                for (Operation b : actions) {
                    if (b != c) {
                        out.add(new FlowPlan(
                                create.key() + " → " + b.key() + " → " + c.key(),
                                List.of(
                                        new Step(create, "", Map.of()),
                                        new Step(b, "", Map.of()),
                                        new Step(c, "", Map.of())),
                                false,
                                "inferred"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A path with a GET is a sub-resource or sub-collection ({@code /carts/{id}/items}), whose
     * POST may legitimately repeat; only paths without one are taken as actions ({@code /pay}).
     */
    private static boolean readable(Target target, String template) {
        return target.operations().stream()
                .anyMatch(o -> o.method().equals("GET") && o.pathTemplate().equals(template));
    }

    /** {@code /x/{id}} for collection {@code /x}: one more segment, a path parameter. */
    private static boolean isItem(String collection, String template) {
        if (!template.startsWith(collection + "/{")) {
            return false;
        }
        String rest = template.substring(collection.length() + 1);
        return rest.endsWith("}") && rest.indexOf('/') < 0;
    }
}
