package dev.vigil.scan.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A declared business flow (the catalog's {@code flows} section): operations that must happen in
 * this order on one object, such as create payment → confirm → execute. The first step usually
 * creates the object; values extracted from a step's answer fill the path parameters (by name)
 * and {@code ${name}} placeholders of the body of later steps. The engine tests that no step can be
 * skipped and that no step after the first has effect twice.
 *
 * @param name unique name, shown in findings
 * @param steps at least two, in order
 * @param source the catalog file that declared it
 */
public record BusinessFlow(String name, List<Step> steps, String source) {
    public BusinessFlow {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a flow needs at least two steps");
        }
        source = source == null ? "" : source;
    }

    /**
     * One step.
     *
     * @param operation "METHOD /path/{template}" as the target documents it
     * @param body a JSON body replacing the operation's sample ("" keeps the sample)
     * @param extract values to take from the answer, by variable name
     * @param actor who is meant to take the step (YAML {@code as}): the creator of the object, or
     *     someone else (a maker-checker approval), tested by {@code approve-own-flow-step}
     */
    public record Step(String operation, String body, Map<String, Extract> extract, Actor actor) {
        public Step {
            Objects.requireNonNull(operation, "operation");
            body = body == null ? "" : body;
            extract = java.util.Collections.unmodifiableMap(new TreeMap<>(extract));
            Objects.requireNonNull(actor, "actor");
        }

        public Step(String operation, String body, Map<String, Extract> extract) {
            this(operation, body, extract, Actor.CREATOR);
        }
    }

    /**
     * Who takes a step: {@code CREATOR} (the identity that created the object; the default),
     * {@code OTHER} (any other identity: four eyes), {@code HIGHER} (an identity of a higher role
     * level than the creator, such as a supervisor approving a clerk's order).
     */
    public enum Actor {
        CREATOR,
        OTHER,
        HIGHER
    }

    /**
     * Where a value comes from: {@code body} (with an RFC 6901 {@code pointer}) or
     * {@code header:NAME}; an optional {@code regex} keeps its first group (or the whole match).
     */
    public record Extract(String from, String pointer, String regex) {
        public Extract {
            Objects.requireNonNull(from, "from");
            pointer = pointer == null ? "" : pointer;
            regex = regex == null ? "" : regex;
        }
    }
}
