package dev.vigil.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the classifier's matches for one field (a parameter or a JSON path) over many
 * observed samples and decides which data types the field carries.
 *
 * <p>A field's confidence for a type is {@code sum of per-sample confidences / (samples + 0.5)}:
 * the mean per-sample confidence (0 for samples that did not match) shrunk by a half-sample prior
 * that the field is not sensitive. So a validator that matches one value in a hundred stays near
 * 0; a field that matches on every sample tends to the per-sample confidence, reaching it faster
 * the more samples there are; and a strong key name raises the per-sample confidence itself. A
 * type is a verdict when its confidence is at least {@link #THRESHOLD}: one sample suffices for
 * distinctive values (a JWT, an email) or key-confirmed ones, while ambiguous value-only evidence
 * (a Luhn-valid number without a card key) needs to repeat.
 *
 * <p>Record one sample per present value (not for absent or null fields), including samples with
 * no match. Not thread-safe: the caller synchronises.
 */
public final class FieldEvidence {
    /** Minimum field confidence for a verdict. */
    public static final double THRESHOLD = 0.5;

    private static final double PRIOR_SAMPLES = 0.5;

    private long samples;
    private final Map<String, Tally> tallies = new TreeMap<>();

    private static final class Tally {
        final DataType type;
        long matches;
        double confidenceSum;

        Tally(DataType type) {
            this.type = type;
        }
    }

    /** Adds one observed sample and what the classifier found in it (possibly nothing). */
    public void record(List<Match> matchesForOneSample) {
        samples++;
        Map<String, Match> best = new HashMap<>();
        for (Match m : matchesForOneSample) {
            best.merge(m.type().id(), m, (a, b) -> a.confidence() >= b.confidence() ? a : b);
        }
        for (Match m : best.values()) {
            Tally t = tallies.computeIfAbsent(m.type().id(), id -> new Tally(m.type()));
            t.matches++;
            t.confidenceSum += m.confidence();
        }
    }

    /** Folds another field's evidence (for example from an earlier run) into this one. */
    public void merge(FieldEvidence other) {
        samples += other.samples;
        for (Tally o : other.tallies.values()) {
            Tally t = tallies.computeIfAbsent(o.type.id(), id -> new Tally(o.type));
            t.matches += o.matches;
            t.confidenceSum += o.confidenceSum;
        }
    }

    public long samples() {
        return samples;
    }

    /** How many samples matched the type with this id. */
    public long matches(String dataTypeId) {
        Tally t = tallies.get(dataTypeId);
        return t == null ? 0 : t.matches;
    }

    /** Types whose accumulated confidence reaches {@link #THRESHOLD}, best first. */
    public List<Match> verdicts() {
        List<Match> out = new ArrayList<>();
        for (Tally t : tallies.values()) {
            double c = Math.min(1.0, t.confidenceSum / (samples + PRIOR_SAMPLES));
            if (c >= THRESHOLD) {
                out.add(new Match(t.type, c));
            }
        }
        out.sort(Comparator.comparingDouble(Match::confidence).reversed().thenComparing(m -> m.type()
                .id()));
        return List.copyOf(out);
    }

    /** A stable JSON form (types sorted by id) for incremental runs. */
    public JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("samples", samples);
        ArrayNode types = root.putArray("types");
        for (Tally t : tallies.values()) {
            ObjectNode n = types.addObject();
            n.put("id", t.type.id());
            n.put("name", t.type.name());
            n.put("category", t.type.category().name());
            n.put("sensitivity", t.type.sensitivity());
            n.put("matches", t.matches);
            n.put("confidenceSum", t.confidenceSum);
        }
        return root;
    }

    /**
     * Restores evidence written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming every malformed part
     */
    public static FieldEvidence fromJson(JsonNode n) {
        List<String> problems = new ArrayList<>();
        FieldEvidence e = new FieldEvidence();
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("field evidence must be a JSON object");
        }
        JsonNode samples = n.get("samples");
        if (samples == null || !samples.canConvertToLong() || samples.asLong() < 0) {
            problems.add("samples: must be a non-negative integer");
        } else {
            e.samples = samples.asLong();
        }
        JsonNode types = n.get("types");
        if (types == null || !types.isArray()) {
            problems.add("types: must be an array");
        } else {
            for (int i = 0; i < types.size(); i++) {
                JsonNode t = types.get(i);
                try {
                    DataType type = new DataType(
                            t.path("id").asText(),
                            t.path("name").asText(),
                            Category.valueOf(t.path("category").asText()),
                            t.path("sensitivity").asInt());
                    Tally tally = new Tally(type);
                    tally.matches = t.path("matches").asLong(-1);
                    tally.confidenceSum = t.path("confidenceSum").asDouble(-1);
                    if (tally.matches < 0 || tally.confidenceSum < 0 || tally.confidenceSum > tally.matches) {
                        problems.add("types[" + i + "]: matches/confidenceSum out of range");
                    } else if (e.tallies.putIfAbsent(type.id(), tally) != null) {
                        problems.add("types[" + i + "]: duplicate id " + type.id());
                    }
                } catch (IllegalArgumentException ex) {
                    problems.add("types[" + i + "]: " + ex.getMessage());
                }
            }
        }
        for (Tally t : e.tallies.values()) {
            if (t.matches > e.samples) {
                problems.add("types: " + t.type.id() + " has more matches than samples");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid field evidence: " + String.join("; ", problems));
        }
        return e;
    }
}
