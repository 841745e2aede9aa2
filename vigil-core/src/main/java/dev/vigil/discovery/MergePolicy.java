package dev.vigil.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the free-text literal children of a trie node are values of one parameter.
 *
 * <p>Three kinds of evidence, none tied to any particular API:
 *
 * <ul>
 *   <li><b>Alternation</b> (veto): REST paths alternate collection words and identifiers. When at least
 *       half of the children that have descendants are themselves followed by a parameter, the children
 *       are collection names ({@code customers/{id}}, {@code charges/{id}}) and stay literal.
 *   <li><b>Versioned namespaces</b> (veto): identifiers are not followed by API versions, API groups and
 *       gateway service prefixes are ({@code /apis/batch/v1}, {@code /billing/v2}). When at least half
 *       of the children with descendants are followed by a version token, they stay literal.
 *   <li><b>Open vocabulary</b>: the Good–Turing estimate of the chance that the next value is new
 *       (values seen once divided by all observations) is high. Resource words form a closed vocabulary
 *       whose estimate falls fast as traffic repeats them; usernames and slugs keep arriving.
 *   <li><b>Alike subtrees</b>: the children are followed by the same words (every namespace has
 *       {@code pods}, {@code services}…), measured as the share of each child's next-level words that
 *       most of its siblings share too, at the next level or the one after (each owner has other
 *       repositories, but all of them have {@code issues}).
 * </ul>
 *
 * <p>Values the host already merged elsewhere count as data wherever they appear again
 * ({@link #shouldMergeKnownValues}). Small closed vocabularies (seven daemon sets) show neither an open vocabulary nor alike subtrees.
 * When their node is a collection by analogy (its siblings are followed by parameters) or by name (a
 * plural word whose values look like data), half the minimum suffices, see {@link
 * #shouldMergeByAnalogy}.
 */
final class MergePolicy {
    /** Chance of a new value above which a vocabulary counts as open. */
    static final double OPEN_VOCABULARY = 0.3;
    /** Mean shared-word fraction above which siblings count as alike. */
    static final double ALIKE = 0.6;

    private final TemplatingConfig config;

    MergePolicy(TemplatingConfig config) {
        this.config = config;
    }

    /** The literal children that may merge: not reserved, not from a seeded spec. */
    List<Map.Entry<String, TemplateNode>> candidates(TemplateNode node, boolean root, boolean belowParam) {
        List<Map.Entry<String, TemplateNode>> out = new ArrayList<>();
        for (Map.Entry<String, TemplateNode> e : node.literals.entrySet()) {
            if (!e.getValue().seededLiteral && mergeable(e.getKey(), root, belowParam)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Whether a segment may be (part of) a parameter. Versions never are, nor is a date as the first
     * segment (a dated API version). Configured reserved tokens are API plumbing in the path prefix; below
     * a parameter, inside an identified resource, the same word is data (a repository named {@code api}).
     */
    boolean mergeable(String segment, boolean first, boolean belowParam) {
        if (SegmentClassifier.isVersionToken(segment) || (first && SegmentClassifier.isDateSegment(segment))) {
            return false;
        }
        return belowParam || !config.reservedTokens().contains(segment.toLowerCase(java.util.Locale.ROOT));
    }

    boolean shouldMerge(List<Map.Entry<String, TemplateNode>> candidates) {
        int distinct = candidates.size();
        if (distinct >= config.maxTrackedValuesPerNode()) {
            return true;
        }
        if (distinct < config.minDistinctForVariable()) {
            return false;
        }
        int withDescendants = 0;
        int followedByParameter = 0;
        int followedByVersion = 0;
        long observations = 0;
        int seenOnce = 0;
        for (Map.Entry<String, TemplateNode> e : candidates) {
            TemplateNode child = e.getValue();
            if (child.param != null || !child.literals.isEmpty()) {
                withDescendants++;
            }
            if (child.param != null) {
                followedByParameter++;
            }
            if (hasVersionChild(child)) {
                followedByVersion++;
            }
            observations += child.hits;
            if (child.hits <= 1) {
                seenOnce++;
            }
        }
        if (withDescendants > 0
                && (2 * followedByParameter >= withDescendants || 2 * followedByVersion >= withDescendants)) {
            return false;
        }
        if (observations > 0 && (double) seenOnce / observations >= OPEN_VOCABULARY) {
            return true;
        }
        return alike(candidates);
    }

    /** Fewest distinct values that can merge when their node is a collection by analogy. */
    int analogyThreshold() {
        return Math.max(3, config.minDistinctForVariable() / 2);
    }

    /**
     * Whether {@code node}, which has no parameter child, sits among sibling collections: at least two of
     * its siblings with descendants, and at least half of them, are followed by a parameter
     * ({@code daemonsets} beside {@code deployments/{name}} and {@code replicasets/{name}}).
     */
    boolean collectionByAnalogy(TemplateNode node, TemplateNode parent) {
        if (parent == null || node.param != null) {
            return false;
        }
        int withDescendants = 0;
        int followedByParameter = 0;
        for (TemplateNode sibling : parent.literals.values()) {
            if (sibling == node || (sibling.param == null && sibling.literals.isEmpty())) {
                continue;
            }
            withDescendants++;
            if (sibling.param != null) {
                followedByParameter++;
            }
        }
        return followedByParameter >= 1 && 2 * followedByParameter >= withDescendants;
    }

    /**
     * Whether a node is named like a collection (a plural word) and its values look like data rather
     * than words: three quarters of them hold dots, colons, digits or capitals
     * ({@code customresourcedefinitions/certificates.cert-manager.io}).
     */
    boolean collectionByName(String name, List<Map.Entry<String, TemplateNode>> candidates) {
        if (name == null || name.length() < 4 || !name.endsWith("s") || name.endsWith("ss")) {
            return false;
        }
        int dataLike = 0;
        for (Map.Entry<String, TemplateNode> e : candidates) {
            if (!isPlainWord(e.getKey())) {
                dataLike++;
            }
        }
        return 4 * dataLike >= 3 * candidates.size();
    }

    private static boolean isPlainWord(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The children of a collection by analogy merge with fewer distinct values, unless they are
     * collections or versions themselves (the vetoes of {@link #shouldMerge}) or a quarter of them are
     * collection names used elsewhere on the host ({@code /search/users} beside {@code /users/{id}}).
     */
    boolean shouldMergeByAnalogy(List<Map.Entry<String, TemplateNode>> candidates, Set<String> collectionWords) {
        int withDescendants = 0;
        int followedByParameterOrVersion = 0;
        int knownCollections = 0;
        for (Map.Entry<String, TemplateNode> e : candidates) {
            TemplateNode child = e.getValue();
            if (child.param != null || !child.literals.isEmpty()) {
                withDescendants++;
            }
            if (child.param != null || hasVersionChild(child)) {
                followedByParameterOrVersion++;
            }
            if (collectionWords.contains(e.getKey())) {
                knownCollections++;
            }
        }
        if (withDescendants > 0 && 2 * followedByParameterOrVersion >= withDescendants) {
            return false;
        }
        return 4 * knownCollections < candidates.size();
    }

    /**
     * Values the host already treats as data elsewhere: when at least half of the children are known
     * parameter values, they merge with half the minimum (vetoes of {@link #shouldMerge} apply).
     */
    boolean shouldMergeKnownValues(List<Map.Entry<String, TemplateNode>> candidates, Set<String> knownValues) {
        if (candidates.size() < analogyThreshold() || knownValues.isEmpty()) {
            return false;
        }
        int known = 0;
        int withDescendants = 0;
        int followedByParameterOrVersion = 0;
        for (Map.Entry<String, TemplateNode> e : candidates) {
            TemplateNode child = e.getValue();
            if (knownValues.contains(e.getKey())) {
                known++;
            }
            if (child.param != null || !child.literals.isEmpty()) {
                withDescendants++;
            }
            if (child.param != null || hasVersionChild(child)) {
                followedByParameterOrVersion++;
            }
        }
        if (withDescendants > 0 && 2 * followedByParameterOrVersion >= withDescendants) {
            return false;
        }
        return 2 * known >= candidates.size();
    }

    /** Alike at the next level ({@code {ns}/pods}) or the one after ({@code {owner}/{repo}/issues}). */
    private boolean alike(List<Map.Entry<String, TemplateNode>> candidates) {
        return alikeAt(candidates, false) || alikeAt(candidates, true);
    }

    private boolean alikeAt(List<Map.Entry<String, TemplateNode>> candidates, boolean deeper) {
        List<Set<String>> signatures = new ArrayList<>();
        for (Map.Entry<String, TemplateNode> e : candidates) {
            Set<String> signature = deeper ? deeperSignature(e.getValue()) : signature(e.getValue());
            if (!signature.isEmpty()) {
                signatures.add(signature);
            }
        }
        int n = signatures.size();
        if (n < Math.max(3, config.minDistinctForVariable() / 2)) {
            return false;
        }
        Map<String, Integer> frequency = new HashMap<>();
        for (Set<String> signature : signatures) {
            for (String word : signature) {
                frequency.merge(word, 1, Integer::sum);
            }
        }
        double total = 0;
        for (Set<String> signature : signatures) {
            int shared = 0;
            for (String word : signature) {
                // siblings other than this one that also have the word
                if (2 * (frequency.get(word) - 1) >= n - 1) {
                    shared++;
                }
            }
            total += (double) shared / signature.size();
        }
        return total / n >= ALIKE;
    }

    private static boolean hasVersionChild(TemplateNode child) {
        for (String word : child.literals.keySet()) {
            if (SegmentClassifier.isVersionToken(word)) {
                return true;
            }
        }
        return false;
    }

    /** Next-level literal words of a child. */
    private static Set<String> signature(TemplateNode child) {
        return new HashSet<>(child.literals.keySet());
    }

    /** Literal words two levels below a child, whatever the word between. */
    private static Set<String> deeperSignature(TemplateNode child) {
        Set<String> words = new HashSet<>();
        for (TemplateNode grandchild : child.literals.values()) {
            words.addAll(grandchild.literals.keySet());
        }
        if (child.param != null) {
            words.addAll(child.param.literals.keySet());
        }
        return words;
    }
}
