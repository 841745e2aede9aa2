package dev.vigil.discovery;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings for {@link PathTemplater}.
 *
 * @param reservedTokens API plumbing words (compared case-insensitively) that stay literal in a path's
 *     prefix, before its first parameter; below a parameter the same word is data. Any {@code v<digits>}
 *     version token (with an optional {@code alpha}/{@code beta}/{@code rc} suffix) is reserved
 *     everywhere whether listed or not
 * @param minDistinctForVariable how many distinct free-text values a trie node must have seen before
 *     they may be merged into one parameter
 * @param maxTrackedValuesPerNode upper bound of literal children (and of remembered distinct values of
 *     a merged parameter) per node; a node that would exceed it is treated as an open set of values
 */
public record TemplatingConfig(Set<String> reservedTokens, int minDistinctForVariable, int maxTrackedValuesPerNode) {

    /**
     * API plumbing, not resources: protocol and style markers, discovery paths and the current-user
     * aliases. Kept short on purpose: every reserved word that is also a plausible value (a repository
     * named {@code docs}, a namespace named {@code search}) splits an operation when it occurs as one.
     */
    private static final Set<String> DEFAULT_RESERVED = Set.of(
            "api",
            "apis",
            "rest",
            "graphql",
            "gql",
            "rpc",
            "jsonrpc",
            "soap",
            "oauth",
            "oauth2",
            ".well-known",
            "me",
            "self",
            "current",
            "latest");

    public TemplatingConfig {
        if (minDistinctForVariable < 2) {
            throw new IllegalArgumentException("minDistinctForVariable must be at least 2");
        }
        if (maxTrackedValuesPerNode < minDistinctForVariable) {
            throw new IllegalArgumentException("maxTrackedValuesPerNode must be at least minDistinctForVariable");
        }
        TreeSet<String> lower = new TreeSet<>();
        for (String token : reservedTokens) {
            lower.add(token.toLowerCase(Locale.ROOT));
        }
        reservedTokens = java.util.Collections.unmodifiableSet(lower);
    }

    /** API plumbing words reserved, ten distinct values to merge, 1000 values tracked per node. */
    public static TemplatingConfig defaults() {
        return new TemplatingConfig(DEFAULT_RESERVED, 10, 1000);
    }

    /** A copy whose reserved tokens are these plus {@code extra}. */
    public TemplatingConfig withReservedTokens(Set<String> extra) {
        TreeSet<String> all = new TreeSet<>(reservedTokens);
        all.addAll(extra);
        return new TemplatingConfig(all, minDistinctForVariable, maxTrackedValuesPerNode);
    }
}
