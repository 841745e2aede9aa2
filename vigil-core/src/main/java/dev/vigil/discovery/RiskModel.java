package dev.vigil.discovery;

import dev.vigil.classify.Classifier;
import dev.vigil.classify.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ranks endpoints by what they expose. The score (0–100) adds up, each part named in the reasons:
 *
 * <ul>
 *   <li>data: 10 × the highest sensitivity (1–5) of the data types the endpoint returns, or 6 × for data
 *       it only receives, plus 3 per further distinct type (at most 15);
 *   <li>reach: public +20, partner or third-party +10, internal +0;
 *   <li>anonymous calls seen +15;
 *   <li>a state-changing method +5.
 * </ul>
 *
 * Levels: critical ≥ 75, high ≥ 50, medium ≥ 25, low below.
 */
public final class RiskModel {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Classifier classifier;

    public RiskModel(Classifier classifier) {
        this.classifier = classifier;
    }

    /** An endpoint's risk: the score, its level and why. */
    public record Risk(int score, String level, List<String> reasons) {
        public Risk {
            reasons = List.copyOf(reasons);
        }
    }

    public Risk assess(Endpoint e) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        int returned = 0;
        int received = 0;
        Set<String> returnedTypes = new TreeSet<>();
        Set<String> receivedTypes = new TreeSet<>();
        for (SensitiveField f : e.sensitiveFields()) {
            int sensitivity =
                    classifier.type(f.dataType()).map(DataType::sensitivity).orElse(3);
            if (f.location().startsWith("response:")) {
                returned = Math.max(returned, sensitivity);
                returnedTypes.add(f.dataType());
            } else {
                received = Math.max(received, sensitivity);
                receivedTypes.add(f.dataType());
            }
        }
        receivedTypes.removeAll(returnedTypes);
        int data = Math.max(returned * 10, received * 6);
        if (data > 0) {
            int distinct = returnedTypes.size() + receivedTypes.size();
            score += data + Math.min(15, 3 * (distinct - 1));
            if (!returnedTypes.isEmpty()) {
                reasons.add("returns " + String.join(", ", returnedTypes));
            }
            if (!receivedTypes.isEmpty()) {
                reasons.add("receives " + String.join(", ", receivedTypes));
            }
        }
        switch (e.exposure()) {
            case PUBLIC -> {
                score += 20;
                reasons.add("reachable from the internet");
            }
            case PARTNER -> {
                score += 10;
                reasons.add("reachable by partners");
            }
            case THIRD_PARTY -> {
                score += 10;
                reasons.add("calls a third party");
            }
            case INTERNAL -> {}
        }
        if (e.authSchemes().stream().anyMatch(a -> a instanceof AuthScheme.None)) {
            score += 15;
            reasons.add("answers calls without credentials");
        }
        if (WRITES.contains(e.key().method())) {
            score += 5;
            reasons.add("changes state");
        }
        score = Math.min(100, score);
        String level = score >= 75 ? "critical" : score >= 50 ? "high" : score >= 25 ? "medium" : "low";
        return new Risk(score, level.toLowerCase(Locale.ROOT), reasons);
    }
}
