package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Condition;
import dev.vigil.scan.http.HttpResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Evaluates a test's {@code vulnerableIf} on a {@link Probe}: every condition must hold. */
public final class Verdicts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Verdicts() {}

    /** What the evaluation concluded, with human-readable reasons for the finding's detail. */
    public record Verdict(boolean vulnerable, List<String> reasons, double similarity) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    public static Verdict evaluate(CatalogTest test, Probe probe) {
        List<String> reasons = new ArrayList<>();
        double similarity = -1;
        HttpResult r = probe.mutated().result();
        for (Condition c : test.vulnerableIf()) {
            boolean holds;
            switch (c) {
                case Condition.Status s -> {
                    holds = s.matches(r.status()) && (r.status() / 100 != 2 || effectiveSuccess(r));
                    if (holds) {
                        reasons.add("answered " + r.status());
                    }
                }
                case Condition.SimilarToOriginal s -> {
                    if (probe.original().isEmpty()) {
                        holds = false;
                    } else {
                        Observation o = probe.original().get();
                        similarity = Similarity.of(o.attempt().result(), r, o.volatilePaths());
                        holds = similarity >= s.minimum();
                        if (holds) {
                            reasons.add(String.format(
                                    Locale.ROOT,
                                    "body %.0f%% identical to %s's answer",
                                    similarity * 100,
                                    o.attempt().identity()));
                        }
                    }
                }
                case Condition.BodyMatches b -> {
                    Optional<String> hit = firstMatch(
                            b.patterns(),
                            r.body(),
                            b.notInOriginal()
                                    ? probe.original()
                                            .map(o -> o.attempt().result().body())
                                            .orElse("")
                                    : null);
                    holds = hit.isPresent();
                    hit.ifPresent(h -> reasons.add("body contains \"" + h + "\""));
                }
                case Condition.HeaderEquals h -> {
                    String expected = h.value().replace("${injected}", probe.injected());
                    holds = r.header(h.name())
                            .map(v -> v.trim().equalsIgnoreCase(expected))
                            .orElse(false);
                    if (holds) {
                        reasons.add(h.name() + ": " + expected);
                    }
                }
                case Condition.HeaderMissing h -> {
                    holds = r.answered() && r.header(h.name()).isEmpty();
                    if (holds) {
                        reasons.add("no " + h.name() + " header");
                    }
                }
                case Condition.FieldNameMatches f -> {
                    List<String> names = Similarity.fieldNames(r.body()).stream()
                            .filter(n -> f.pattern().matcher(n).matches())
                            .sorted()
                            .toList();
                    holds = !names.isEmpty();
                    if (holds) {
                        reasons.add("fields " + names);
                    }
                }
                case Condition.CallbackReceived x -> {
                    holds = probe.callbackHit();
                    if (holds) {
                        reasons.add("callback listener received the probe's request");
                    }
                }
                case Condition.ReadBackHasFields x -> {
                    holds = probe.readBackHit();
                    if (holds) {
                        reasons.add("reading the object back shows the added properties");
                    }
                }
                case Condition.BooleanDifferential x -> {
                    holds = probe.booleanDifferential();
                    if (holds) {
                        reasons.add("always-true input answers like the original, always-false differs (twice)");
                    }
                }
                case Condition.NoRateLimit x -> {
                    holds = probe.noRateLimit();
                    if (holds) {
                        reasons.add(
                                test.mutation() instanceof dev.vigil.scan.catalog.Mutation.LoginLockout
                                        ? "no 429/423, rate-limit header or lockout message in any login answer"
                                        : "no 429 and no rate-limit headers in the burst");
                    }
                }
                case Condition.Proven x -> {
                    holds = probe.proven();
                }
                case Condition.Delayed x -> {
                    holds = probe.delayed();
                    if (holds) {
                        reasons.add("answers were late by the injected delays");
                    }
                }
            }
            if (!holds) {
                return new Verdict(false, List.of(), similarity);
            }
        }
        return new Verdict(true, reasons, similarity);
    }

    /** A 2xx that is not an error in disguise (a JSON body saying error/success:false). */
    public static boolean effectiveSuccess(HttpResult r) {
        return r.success() && !errorBody(r.body());
    }

    static boolean errorBody(String body) {
        String t = body.strip();
        if (!t.startsWith("{")) {
            return false;
        }
        try {
            JsonNode n = JSON.readTree(t);
            if (n.path("success").isBoolean() && !n.get("success").asBoolean()) {
                return true;
            }
            if (n.path("ok").isBoolean() && !n.get("ok").asBoolean()) {
                return true;
            }
            String status = n.path("status").asText("").toLowerCase(Locale.ROOT);
            if (status.equals("error") || status.equals("fail") || status.equals("failure")) {
                return true;
            }
            boolean error = n.hasNonNull("error")
                    && !(n.get("error").isBoolean() && !n.get("error").asBoolean());
            boolean errors = n.path("errors").isArray() && !n.get("errors").isEmpty();
            return (error || errors) && !n.hasNonNull("data");
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> firstMatch(List<Pattern> patterns, String body, String original) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(body);
            if (m.find() && (original == null || !p.matcher(original).find())) {
                String hit = m.group();
                return Optional.of(hit.length() > 80 ? hit.substring(0, 80) + "…" : hit);
            }
        }
        return Optional.empty();
    }
}
