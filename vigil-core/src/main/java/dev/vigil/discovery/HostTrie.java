package dev.vigil.discovery;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The learned path trie of one host. Every method is synchronized: one host is one lock. */
final class HostTrie {
    private final TemplatingConfig config;
    private final MergePolicy policy;
    final TemplateNode root;
    /** Per node: the candidate count at which merging is worth checking again (checks cost a scan). */
    private final Map<TemplateNode, Integer> nextCheck = new IdentityHashMap<>();

    HostTrie(TemplatingConfig config, TemplateNode root) {
        this.config = config;
        this.policy = new MergePolicy(config);
        this.root = root;
    }

    synchronized PathTemplate observe(List<String> segments) {
        // Insert first, remembering nodes that gained a literal child; merge deepest first; then resolve.
        List<TemplateNode> grown = new ArrayList<>(2);
        TemplateNode node = root;
        root.hits++;
        int max = config.maxTrackedValuesPerNode();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            TemplateNode next = node.literals.get(s);
            if (next == null) {
                SegmentType type = policy.mergeable(s, i == 0) ? SegmentClassifier.classify(s) : null;
                if (type != null) {
                    next = node.ensureParam(TemplateNode.ParamOrigin.TYPED);
                    node.recordParamValue(s, type, max);
                } else if (node.absorbsFreeText() && policy.mergeable(s, i == 0)) {
                    next = node.param;
                    node.recordParamValue(s, SegmentType.STRING, max);
                } else {
                    next = new TemplateNode();
                    node.literals.put(s, next);
                    grown.add(node);
                }
            }
            next.hits++;
            node = next;
        }
        for (int i = grown.size() - 1; i >= 0; i--) {
            TemplateNode parent = grown.get(i);
            considerMerge(parent, parent == root, false);
        }
        return resolve(segments);
    }

    synchronized PathTemplate resolve(List<String> segments) {
        TemplateBuilder out = new TemplateBuilder();
        TemplateNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            String inputParam = parameterName(s);
            if (node == null) {
                out.offTrie(s, inputParam, i == 0, policy);
                continue;
            }
            TemplateNode literal = inputParam == null ? node.literals.get(s) : null;
            if (literal != null) {
                out.literal(s, 1.0);
                node = literal;
            } else if (inputParam != null) {
                if (node.param != null) {
                    out.param(node, config);
                    node = node.param;
                } else {
                    out.offTrie(s, inputParam, i == 0, policy);
                    node = null;
                }
            } else if (!policy.mergeable(s, i == 0)) {
                out.literal(s, 0.5);
                node = null;
            } else if (node.param != null && (node.absorbsFreeText() || SegmentClassifier.classify(s) != null)) {
                out.param(node, config);
                node = node.param;
            } else {
                out.offTrie(s, null, i == 0, policy);
                node = null;
            }
        }
        return out.build();
    }

    synchronized void seed(List<String> segments) {
        TemplateNode node = root;
        for (String s : segments) {
            String name = parameterName(s);
            if (name == null) {
                node = node.literals.computeIfAbsent(s, k -> new TemplateNode());
                node.seededLiteral = true;
            } else {
                node.ensureParam(TemplateNode.ParamOrigin.SEEDED);
                node.paramName = name;
                absorbFreeText(node, node == root);
                node = node.param;
            }
        }
    }

    private void considerMerge(TemplateNode node, boolean isRoot, boolean force) {
        List<Map.Entry<String, TemplateNode>> candidates = policy.candidates(node, isRoot);
        int size = candidates.size();
        if (size < config.minDistinctForVariable()) {
            return;
        }
        if (!force && size < nextCheck.getOrDefault(node, 0)) {
            return;
        }
        if (policy.shouldMerge(candidates)) {
            nextCheck.remove(node);
            mergeCandidates(node, candidates);
        } else {
            nextCheck.put(node, size + Math.max(1, size / 8));
        }
    }

    private void mergeCandidates(TemplateNode node, List<Map.Entry<String, TemplateNode>> candidates) {
        TemplateNode param = node.ensureParam(TemplateNode.ParamOrigin.MERGED);
        node.mergedDistinct = saturatedAdd(node.mergedDistinct, candidates.size());
        for (Map.Entry<String, TemplateNode> e : candidates) {
            node.literals.remove(e.getKey());
            node.recordParamValue(e.getKey(), SegmentType.STRING, config.maxTrackedValuesPerNode());
            mergeInto(param, e.getValue());
        }
        cascade(param);
    }

    /** Moves free-text literal children of a node whose parameter child now absorbs free text into it. */
    private void absorbFreeText(TemplateNode node, boolean isRoot) {
        List<Map.Entry<String, TemplateNode>> candidates = policy.candidates(node, isRoot);
        if (candidates.isEmpty()) {
            return;
        }
        for (Map.Entry<String, TemplateNode> e : candidates) {
            node.literals.remove(e.getKey());
            node.recordParamValue(e.getKey(), SegmentType.STRING, config.maxTrackedValuesPerNode());
            mergeInto(node.param, e.getValue());
        }
        node.mergedDistinct = saturatedAdd(node.mergedDistinct, candidates.size());
    }

    /** Re-checks merges below a freshly merged node, deepest first: merged subtrees pool their evidence. */
    private void cascade(TemplateNode node) {
        for (TemplateNode child : new ArrayList<>(node.literals.values())) {
            cascade(child);
        }
        if (node.param != null) {
            cascade(node.param);
        }
        considerMerge(node, false, true);
    }

    private void mergeInto(TemplateNode target, TemplateNode source) {
        target.hits += source.hits;
        target.seededLiteral |= source.seededLiteral;
        nextCheck.remove(source);
        for (Map.Entry<String, TemplateNode> e : source.literals.entrySet()) {
            TemplateNode existing = target.literals.get(e.getKey());
            if (existing != null) {
                mergeInto(existing, e.getValue());
            } else if (target.absorbsFreeText() && !e.getValue().seededLiteral && policy.mergeable(e.getKey(), false)) {
                target.recordParamValue(e.getKey(), SegmentType.STRING, config.maxTrackedValuesPerNode());
                mergeInto(target.param, e.getValue());
            } else {
                target.literals.put(e.getKey(), e.getValue());
            }
        }
        if (source.param == null) {
            return;
        }
        boolean absorbedBefore = target.absorbsFreeText();
        if (target.param == null) {
            target.param = source.param;
            target.paramOrigin = source.paramOrigin;
            target.paramName = source.paramName;
        } else {
            target.ensureParam(source.paramOrigin);
            if (target.paramName == null) {
                target.paramName = source.paramName;
            }
            mergeInto(target.param, source.param);
        }
        if (source.paramType != null) {
            target.paramType = target.paramType == null ? source.paramType : target.paramType.widen(source.paramType);
        }
        for (String value : source.paramValues) {
            if (target.paramValues.size() >= config.maxTrackedValuesPerNode()) {
                break;
            }
            target.paramValues.add(value);
        }
        target.mergedDistinct = saturatedAdd(target.mergedDistinct, source.mergedDistinct);
        if (!absorbedBefore && target.absorbsFreeText()) {
            absorbFreeText(target, false);
        }
    }

    private static int saturatedAdd(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }

    /** {@code x} for a template segment {@code {x}}, else null. */
    static String parameterName(String segment) {
        int n = segment.length();
        if (n >= 3 && segment.charAt(0) == '{' && segment.charAt(n - 1) == '}') {
            return segment.substring(1, n - 1);
        }
        return null;
    }
}
