package dev.vigil.scan.catalog;

import java.util.List;
import java.util.regex.Pattern;

/** One clause of a test's {@code vulnerableIf}; every clause must hold. A closed set evaluated by the engine. */
public sealed interface Condition {
    /** The status matches one of "2xx"-style classes or exact codes. */
    record Status(List<String> accepted) implements Condition {
        public Status {
            accepted = List.copyOf(accepted);
        }

        public boolean matches(int status) {
            for (String a : accepted) {
                if (a.endsWith("xx") ? status / 100 == a.charAt(0) - '0' : Integer.parseInt(a) == status) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The mutated answer's body is at least this similar to the original answer (volatile fields ignored). */
    record SimilarToOriginal(double minimum) implements Condition {}

    /** The body matches one of the patterns; with {@code notInOriginal}, the original answer must not. */
    record BodyMatches(List<Pattern> patterns, boolean notInOriginal) implements Condition {
        public BodyMatches {
            patterns = List.copyOf(patterns);
        }
    }

    /** A header equals a value; {@code ${injected}} stands for the value the mutation sent. */
    record HeaderEquals(String name, String value) implements Condition {}

    record HeaderMissing(String name) implements Condition {}

    /** A JSON field name anywhere in the body matches. */
    record FieldNameMatches(Pattern pattern) implements Condition {}

    /** The callback listener received the request carrying this probe's token. */
    record CallbackReceived() implements Condition {}

    /** Reading the object back shows at least one added field with the value sent. */
    record ReadBackHasFields() implements Condition {}

    /** True payload answers like the original, false payload differently, reproducibly. */
    record BooleanDifferential() implements Condition {}

    /** No 429 and no rate-limit headers across the burst. */
    record NoRateLimit() implements Condition {}

    /** The answer was late by the injected delay, and later still with a longer one. */
    record Delayed() implements Condition {}

    /**
     * The mutation's own oracle established the flaw (property exposure across roles or between a
     * list and its items, a page beyond any cap, an unexpected method accepted, a debug path with
     * its content proof); the runner's reasons say which field, roles, counts or content.
     */
    record Proven() implements Condition {}
}
