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

    /**
     * Free-text values already absorbed by parameters on this host (bounded): a username met again under
     * another collection ({@code /orgs/{org}/members/octocat}) is known to be data.
     */
    private final java.util.Set<String> knownValues = new java.util.HashSet<>();

    HostTrie(TemplatingConfig config, TemplateNode root) {
        this.config = config;
        this.policy = new MergePolicy(config);
        this.root = root;
        collectKnownValues(root);
    }

    private void collectKnownValues(TemplateNode node) {
        for (TemplateNode child : node.literals.values()) {
            collectKnownValues(child);
        }
        if (node.param != null) {
            if (node.paramOrigin != TemplateNode.ParamOrigin.TYPED) {
                node.paramValues.forEach(this::know);
            }
            collectKnownValues(node.param);
        }
    }

    private void know(String value) {
        if (knownValues.size() < 16 * config.maxTrackedValuesPerNode()) {
            knownValues.add(value);
        }
    }

    private void absorb(TemplateNode node, String value) {
        node.recordParamValue(value, SegmentType.STRING, config.maxTrackedValuesPerNode());
        know(value);
    }

    synchronized PathTemplate observe(List<String> segments) {
        // Insert first, remembering nodes worth a merge check; merge deepest first; then resolve.
        List<Pending> pending = null;
        TemplateNode node = root;
        TemplateNode parent = null;
        String name = null;
        boolean belowParam = false;
        int max = config.maxTrackedValuesPerNode();
        root.hits++;
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            TemplateNode next = node.literals.get(s);
            boolean grown = false;
            if (next == null) {
                boolean mergeable = policy.mergeable(s, i == 0, belowParam);
                SegmentType type = mergeable ? SegmentClassifier.classify(s) : null;
                if (type == null && mergeable) {
                    type = node.typeByShape(s);
                }
                if (type != null) {
                    next = node.ensureParam(TemplateNode.ParamOrigin.TYPED);
                    node.recordParamValue(s, type, max);
                } else if (mergeable && node.absorbsFreeText()) {
                    next = node.param;
                    absorb(node, s);
                } else {
                    next = new TemplateNode();
                    node.literals.put(s, next);
                    grown = true;
                }
            }
            // Evidence from elsewhere (a sibling merged since) can change a verdict without new values:
            // re-check a node each time its traffic doubles.
            boolean recheck = node.hits >= 16
                    && (node.hits & (node.hits - 1)) == 0
                    && node.literals.size() >= policy.analogyThreshold();
            if (grown || recheck) {
                if (pending == null) {
                    pending = new ArrayList<>(2);
                }
                pending.add(new Pending(node, name, parent, belowParam, recheck));
            }
            belowParam |= next == node.param;
            next.hits++;
            name = next == node.param ? null : s;
            parent = node;
            node = next;
        }
        if (pending != null) {
            for (int i = pending.size() - 1; i >= 0; i--) {
                Pending p = pending.get(i);
                considerMerge(p.node(), p.name(), p.parent(), p.belowParam(), p.force());
            }
        }
        return resolve(segments);
    }

    /** A node to check for a merge once the current path is inserted. */
    private record Pending(TemplateNode node, String name, TemplateNode parent, boolean belowParam, boolean force) {}

    synchronized PathTemplate resolve(List<String> segments) {
        TemplateBuilder out = new TemplateBuilder();
        TemplateNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            String inputParam = parameterName(s);
            boolean belowParam = out.hasParameters();
            if (node == null) {
                out.offTrie(s, inputParam, policy.mergeable(s, i == 0, belowParam));
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
                    out.offTrie(s, inputParam, false);
                    node = null;
                }
            } else if (!policy.mergeable(s, i == 0, belowParam)) {
                out.literal(s, 0.5);
                node = null;
            } else if (node.param != null
                    && (node.absorbsFreeText()
                            || SegmentClassifier.classify(s) != null
                            || node.typeByShape(s) != null)) {
                out.param(node, config);
                node = node.param;
            } else {
                out.offTrie(s, null, true);
                node = null;
            }
        }
        return out.build();
    }

    synchronized void seed(List<String> segments) {
        TemplateNode node = root;
        boolean belowParam = false;
        for (String s : segments) {
            String name = parameterName(s);
            if (name == null) {
                node = node.literals.computeIfAbsent(s, k -> new TemplateNode());
                node.seededLiteral = true;
            } else {
                node.ensureParam(TemplateNode.ParamOrigin.SEEDED);
                node.paramName = name;
                absorbFreeText(node, node == root, belowParam);
                node = node.param;
                belowParam = true;
            }
        }
    }

    private void considerMerge(TemplateNode node, String name, TemplateNode parent, boolean belowParam, boolean force) {
        List<Map.Entry<String, TemplateNode>> candidates = policy.candidates(node, node == root, belowParam);
        int size = candidates.size();
        if (size < policy.analogyThreshold()) {
            return;
        }
        if (!force && size < nextCheck.getOrDefault(node, 0)) {
            return;
        }
        boolean merge = size >= config.minDistinctForVariable() && policy.shouldMerge(candidates);
        if (!merge) {
            merge = policy.shouldMergeKnownValues(candidates, knownValues);
        }
        if (!merge && (policy.collectionByAnalogy(node, parent) || policy.collectionByName(name, candidates))) {
            merge = policy.shouldMergeByAnalogy(candidates, collectionWords());
        }
        if (merge) {
            nextCheck.remove(node);
            mergeCandidates(node, candidates);
            if (parent != null) {
                // node is now followed by a parameter: its siblings may be collections by analogy
                for (Map.Entry<String, TemplateNode> sibling : new ArrayList<>(parent.literals.entrySet())) {
                    TemplateNode other = sibling.getValue();
                    if (other != node && other.param == null && other.literals.size() >= policy.analogyThreshold()) {
                        considerMerge(other, sibling.getKey(), parent, belowParam, true);
                    }
                }
            }
        } else {
            nextCheck.put(node, size + Math.max(1, size / 8));
        }
    }

    private void mergeCandidates(TemplateNode node, List<Map.Entry<String, TemplateNode>> candidates) {
        TemplateNode param = node.ensureParam(TemplateNode.ParamOrigin.MERGED);
        node.mergedDistinct = saturatedAdd(node.mergedDistinct, candidates.size());
        for (Map.Entry<String, TemplateNode> e : candidates) {
            node.literals.remove(e.getKey());
            absorb(node, e.getKey());
            mergeInto(param, e.getValue());
        }
        cascade(param, null, node);
    }

    /** Moves free-text literal children of a node whose parameter child now absorbs free text into it. */
    private void absorbFreeText(TemplateNode node, boolean isRoot, boolean belowParam) {
        List<Map.Entry<String, TemplateNode>> candidates = policy.candidates(node, isRoot, belowParam);
        if (candidates.isEmpty()) {
            return;
        }
        for (Map.Entry<String, TemplateNode> e : candidates) {
            node.literals.remove(e.getKey());
            absorb(node, e.getKey());
            mergeInto(node.param, e.getValue());
        }
        node.mergedDistinct = saturatedAdd(node.mergedDistinct, candidates.size());
    }

    /** Re-checks merges below a freshly merged node, deepest first: merged subtrees pool their evidence. */
    private void cascade(TemplateNode node, String name, TemplateNode parent) {
        for (Map.Entry<String, TemplateNode> child : new ArrayList<>(node.literals.entrySet())) {
            cascade(child.getValue(), child.getKey(), node);
        }
        if (node.param != null) {
            cascade(node.param, null, node);
        }
        considerMerge(node, name, parent, true, true);
    }

    /** Literal words that are followed by a parameter somewhere on this host: its collection names. */
    private java.util.Set<String> collectionWords() {
        java.util.Set<String> words = new java.util.HashSet<>();
        java.util.ArrayDeque<TemplateNode> pending = new java.util.ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TemplateNode node = pending.pop();
            for (Map.Entry<String, TemplateNode> e : node.literals.entrySet()) {
                if (e.getValue().param != null) {
                    words.add(e.getKey());
                }
                pending.push(e.getValue());
            }
            if (node.param != null) {
                pending.push(node.param);
            }
        }
        return words;
    }

    private void mergeInto(TemplateNode target, TemplateNode source) {
        target.hits += source.hits;
        target.seededLiteral |= source.seededLiteral;
        nextCheck.remove(source);
        for (Map.Entry<String, TemplateNode> e : source.literals.entrySet()) {
            TemplateNode existing = target.literals.get(e.getKey());
            if (existing != null) {
                mergeInto(existing, e.getValue());
            } else if (target.absorbsFreeText()
                    && !e.getValue().seededLiteral
                    && policy.mergeable(e.getKey(), false, true)) {
                absorb(target, e.getKey());
                mergeInto(target.param, e.getValue());
            } else {
                target.literals.put(e.getKey(), e.getValue());
            }
        }
        if (source.param == null) {
            return;
        }
        boolean absorbedBefore = target.absorbsFreeText();
        if (target.idPrefix == null) {
            target.idPrefix = source.idPrefix;
            target.idLength = source.idLength;
        }
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
            absorbFreeText(target, false, true);
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
