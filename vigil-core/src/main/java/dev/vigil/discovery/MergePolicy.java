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
 *   <li><b>Open vocabulary</b>: the Good–Turing estimate of the chance that the next value is new
 *       (values seen once divided by all observations) is high. Resource words form a closed vocabulary
 *       whose estimate falls fast as traffic repeats them; usernames and slugs keep arriving.
 *   <li><b>Alike subtrees</b>: the children are followed by the same words (every namespace has
 *       {@code pods}, {@code services}…), measured as the share of each child's next-level words that
 *       most of its siblings share too. Reserved tokens such as versions are looked through.
 * </ul>
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
    List<Map.Entry<String, TemplateNode>> candidates(TemplateNode node, boolean root) {
        List<Map.Entry<String, TemplateNode>> out = new ArrayList<>();
        for (Map.Entry<String, TemplateNode> e : node.literals.entrySet()) {
            if (!e.getValue().seededLiteral && mergeable(e.getKey(), root)) {
                out.add(e);
            }
        }
        return out;
    }

    boolean mergeable(String segment, boolean root) {
        return !config.isReserved(segment) && !(root && SegmentClassifier.isDateSegment(segment));
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
            observations += child.hits;
            if (child.hits <= 1) {
                seenOnce++;
            }
        }
        if (withDescendants > 0 && 2 * followedByParameter >= withDescendants) {
            return false;
        }
        if (observations > 0 && (double) seenOnce / observations >= OPEN_VOCABULARY) {
            return true;
        }
        return alike(candidates);
    }

    private boolean alike(List<Map.Entry<String, TemplateNode>> candidates) {
        List<Set<String>> signatures = new ArrayList<>();
        for (Map.Entry<String, TemplateNode> e : candidates) {
            Set<String> signature = signature(e.getValue());
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

    /** Next-level literal words of a child, looking through reserved tokens (versions) one level. */
    private Set<String> signature(TemplateNode child) {
        Set<String> words = new HashSet<>();
        for (Map.Entry<String, TemplateNode> e : child.literals.entrySet()) {
            if (config.isReserved(e.getKey())) {
                words.addAll(e.getValue().literals.keySet());
            } else {
                words.add(e.getKey());
            }
        }
        return words;
    }
}
