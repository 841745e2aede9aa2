package dev.vigil.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route patterns indexed segment by segment, so finding the documented routes for an observed
 * path costs the path's depth times the branching it meets, not the number of routes. Results
 * come back in insertion order, which keeps tie-breaking deterministic.
 */
final class RouteTrie<T> {
    /** A stored pattern with its value and insertion position. */
    record Entry<T>(RoutePattern pattern, T value, int order) {}

    private static final class Node<T> {
        final Map<String, Node<T>> literals = new HashMap<>();
        final Map<String, Node<T>> mixed = new LinkedHashMap<>();
        final Map<String, RoutePattern> mixedShape = new HashMap<>();
        Node<T> parameter;
        final List<Entry<T>> entries = new ArrayList<>();
    }

    private final Node<T> root = new Node<>();
    private int size;

    void add(RoutePattern pattern, T value) {
        Node<T> node = root;
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.segments().get(i);
            if (pattern.isLiteral(i)) {
                node = node.literals.computeIfAbsent(segment, k -> new Node<>());
            } else if (pattern.isMixed(i)) {
                node.mixedShape.putIfAbsent(segment, pattern);
                node = node.mixed.computeIfAbsent(segment, k -> new Node<>());
            } else {
                if (node.parameter == null) {
                    node.parameter = new Node<>();
                }
                node = node.parameter;
            }
        }
        node.entries.add(new Entry<>(pattern, value, size++));
    }

    /** Entries whose pattern, read as documentation, matches {@code observed} ({@link RoutePattern#match}). */
    List<Entry<T>> matching(RoutePattern observed) {
        List<Entry<T>> out = new ArrayList<>();
        matching(root, observed, 0, out);
        out.sort(Comparator.comparingInt(Entry::order));
        return out;
    }

    private void matching(Node<T> node, RoutePattern observed, int i, List<Entry<T>> out) {
        if (i == observed.size()) {
            out.addAll(node.entries);
            return;
        }
        String segment = observed.segments().get(i);
        Node<T> literal = node.literals.get(segment);
        if (literal != null) {
            matching(literal, observed, i + 1, out);
        }
        for (Map.Entry<String, Node<T>> mixed : node.mixed.entrySet()) {
            if (!observed.isLiteral(i) || node.mixedShape.get(mixed.getKey()).mixedMatches(i, segment)) {
                matching(mixed.getValue(), observed, i + 1, out);
            }
        }
        if (node.parameter != null) {
            matching(node.parameter, observed, i + 1, out);
        }
    }

    /**
     * Entries that could name the same route as {@code query} ({@link RoutePattern#overlaps}),
     * whatever their segment at {@code skipIndex} (-1: none).
     */
    List<Entry<T>> overlapping(RoutePattern query, int skipIndex) {
        List<Entry<T>> out = new ArrayList<>();
        overlapping(root, query, skipIndex, 0, out);
        out.sort(Comparator.comparingInt(Entry::order));
        return out;
    }

    private void overlapping(Node<T> node, RoutePattern query, int skipIndex, int i, List<Entry<T>> out) {
        if (i == query.size()) {
            out.addAll(node.entries);
            return;
        }
        if (i == skipIndex || !query.isLiteral(i)) {
            node.literals.values().forEach(child -> overlapping(child, query, skipIndex, i + 1, out));
        } else {
            Node<T> literal = node.literals.get(query.segments().get(i));
            if (literal != null) {
                overlapping(literal, query, skipIndex, i + 1, out);
            }
        }
        node.mixed.values().forEach(child -> overlapping(child, query, skipIndex, i + 1, out));
        if (node.parameter != null) {
            overlapping(node.parameter, query, skipIndex, i + 1, out);
        }
    }
}
