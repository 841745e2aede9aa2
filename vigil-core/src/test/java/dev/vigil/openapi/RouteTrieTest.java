package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTrieTest {
    private static final List<String> DOCUMENTED = List.of(
            "/users/me",
            "/users/{id}",
            "/users/{id}/orders",
            "/users/{id}/orders/{orderId}",
            "/reports/{id}.json",
            "/reports/latest",
            "/v1/users/{id}",
            "/v2/users/{userId}",
            "/{tenant}/settings",
            "/");
    private static final List<String> OBSERVED = List.of(
            "/users/me",
            "/users/42",
            "/users/{userId}",
            "/users/{userId}/orders/7",
            "/reports/7.json",
            "/reports/7.xml",
            "/reports/{reportId}",
            "/reports/latest",
            "/v3/users/{id}",
            "/acme/settings",
            "/users/me/orders",
            "",
            "/nothing/here");

    private static RouteTrie<String> trie() {
        RouteTrie<String> trie = new RouteTrie<>();
        DOCUMENTED.forEach(path -> trie.add(RoutePattern.of(path), path));
        return trie;
    }

    @Test
    void matchingFindsExactlyWhatPatternMatchingAccepts() {
        RouteTrie<String> trie = trie();
        for (String observed : OBSERVED) {
            RoutePattern pattern = RoutePattern.of(observed);
            List<String> expected = DOCUMENTED.stream()
                    .filter(d -> RoutePattern.of(d).match(pattern).isPresent())
                    .toList();
            assertThat(trie.matching(pattern))
                    .extracting(RouteTrie.Entry::value)
                    .as(observed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void overlappingFindsExactlyWhatOverlapAccepts() {
        RouteTrie<String> trie = trie();
        for (String observed : OBSERVED) {
            RoutePattern pattern = RoutePattern.of(observed);
            for (int skip = -1; skip < pattern.size(); skip++) {
                int index = skip;
                List<String> expected = DOCUMENTED.stream()
                        .filter(d -> RoutePattern.of(d).overlaps(pattern, index))
                        .toList();
                assertThat(trie.overlapping(pattern, skip))
                        .extracting(RouteTrie.Entry::value)
                        .as(observed + " skipping " + skip)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void unknownPathsFindNothing() {
        assertThat(trie().matching(RoutePattern.of("/nothing/here"))).isEmpty();
    }
}
