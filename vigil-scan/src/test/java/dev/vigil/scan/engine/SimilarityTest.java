package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.http.HttpResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimilarityTest {
    private static HttpResult ok(String body) {
        return new HttpResult(200, List.of(), body, 1, "");
    }

    @Test
    void ignoresPathsThatChangeBetweenReplaysOfTheSameRequest() {
        HttpResult first = ok("{\"id\":1,\"owner\":\"a\",\"at\":\"10:00\",\"items\":[{\"n\":1,\"ts\":5}]}");
        HttpResult second = ok("{\"id\":1,\"owner\":\"a\",\"at\":\"10:01\",\"items\":[{\"n\":1,\"ts\":6}]}");
        Set<String> volatilePaths = Similarity.volatilePaths(first, second);
        assertThat(volatilePaths).containsExactlyInAnyOrder("$.at", "$.items[].ts");
        HttpResult other = ok("{\"id\":1,\"owner\":\"a\",\"at\":\"11:00\",\"items\":[{\"n\":1,\"ts\":9}]}");
        assertThat(Similarity.of(first, other, volatilePaths)).isEqualTo(1.0);
        assertThat(Similarity.of(first, other, Set.of())).isLessThan(0.5);
    }

    @Test
    void differentObjectsOfTheSameShapeAreNotSimilar() {
        HttpResult mine = ok("{\"id\":101,\"owner\":\"alice\",\"balance\":500}");
        HttpResult theirs = ok("{\"id\":201,\"owner\":\"bob\",\"balance\":900}");
        assertThat(Similarity.of(mine, theirs, Set.of())).isZero();
    }

    @Test
    void comparesNonJsonBodiesByWords() {
        assertThat(Similarity.of("<h1>Not found</h1>", "<h1>Not found</h1>", Set.of()))
                .isEqualTo(1.0);
        assertThat(Similarity.of("hello world", "goodbye moon", Set.of())).isZero();
    }

    @Test
    void treatsErrorsDisguisedAsSuccessAsFailures() {
        assertThat(Verdicts.effectiveSuccess(ok("{\"success\":false,\"message\":\"denied\"}")))
                .isFalse();
        assertThat(Verdicts.effectiveSuccess(ok("{\"error\":\"not allowed\"}"))).isFalse();
        assertThat(Verdicts.effectiveSuccess(ok("{\"status\":\"error\"}"))).isFalse();
        assertThat(Verdicts.effectiveSuccess(ok("{\"data\":{\"id\":1},\"errors\":[{\"m\":\"partial\"}]}")))
                .isTrue();
        assertThat(Verdicts.effectiveSuccess(ok("{\"id\":1,\"error\":null}"))).isTrue();
    }
}
