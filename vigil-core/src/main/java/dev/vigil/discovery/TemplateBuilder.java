package dev.vigil.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Assembles a {@link PathTemplate} segment by segment, naming parameters and tracking confidence. */
final class TemplateBuilder {
    /** Confidence of a segment the trie has never seen: the path is known only by its shape. */
    static final double UNKNOWN = 0.5;

    private final StringBuilder value = new StringBuilder();
    private final List<PathParameter> parameters = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private String previousLiteral;
    private double confidence = 1.0;

    void literal(String segment, double segmentConfidence) {
        value.append('/').append(segment);
        previousLiteral = segment;
        confidence = Math.min(confidence, segmentConfidence);
    }

    /** The parameter child of {@code parent}. */
    void param(TemplateNode parent, TemplatingConfig config) {
        SegmentType type = parent.paramType == null ? SegmentType.STRING : parent.paramType;
        double segmentConfidence =
                switch (parent.paramOrigin) {
                    case SEEDED -> 1.0;
                    case TYPED -> type.confidence();
                    case MERGED -> mergedConfidence(parent.paramEvidence(), config.minDistinctForVariable());
                };
        parameter(parent.paramName, type, segmentConfidence);
    }

    /** A segment below the learned trie: typed by shape alone, or a literal of unknown standing. */
    void offTrie(String segment, String inputParam, boolean mayBeParameter) {
        if (inputParam != null) {
            parameter(inputParam, SegmentType.STRING, UNKNOWN);
            return;
        }
        SegmentType type = mayBeParameter ? SegmentClassifier.classify(segment) : null;
        if (type != null) {
            parameter(null, type, type.confidence());
        } else {
            literal(segment, UNKNOWN);
        }
    }

    /**
     * A merge backed by {@code k} distinct values, with {@code m} the configured minimum, scores
     * {@code 0.9 * (1 - e^(-k/m))}: 0.57 at the minimum, 0.78 at twice it, approaching 0.9.
     */
    static double mergedConfidence(int distinct, int minDistinct) {
        return 0.9 * (1.0 - Math.exp(-(double) distinct / minDistinct));
    }

    private void parameter(String specName, SegmentType type, double segmentConfidence) {
        String base = specName != null ? specName : derivedName();
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + i;
        }
        value.append("/{").append(name).append('}');
        parameters.add(new PathParameter(name, type.type(), type.format()));
        previousLiteral = null;
        confidence = Math.min(confidence, segmentConfidence);
    }

    private String derivedName() {
        if (previousLiteral == null || SegmentClassifier.isVersionToken(previousLiteral)) {
            return "id";
        }
        String camel = camelCase(singular(previousLiteral));
        return camel.isEmpty() ? "id" : camel + "Id";
    }

    boolean hasParameters() {
        return !parameters.isEmpty();
    }

    PathTemplate build() {
        return new PathTemplate(value.isEmpty() ? "/" : value.toString(), parameters, confidence);
    }

    static String singular(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is") && w.length() > 3) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** {@code payment_intent} and {@code api-key} become {@code paymentIntent} and {@code apiKey}. */
    static String camelCase(String word) {
        StringBuilder out = new StringBuilder(word.length());
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (out.isEmpty() && Character.isDigit(c)) {
                    continue;
                }
                out.append(upper && !out.isEmpty() ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString();
    }
}
