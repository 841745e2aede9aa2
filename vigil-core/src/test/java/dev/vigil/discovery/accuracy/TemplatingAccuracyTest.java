package dev.vigil.discovery.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.discovery.TemplatingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The accuracy goal from the product issue: operation-level F1 of at least 0.97 on every corpus. */
class TemplatingAccuracyTest {
    private static final int REQUESTS = 20_000;

    @ParameterizedTest
    @ValueSource(strings = {"github", "stripe", "kubernetes"})
    void reachesTheF1GoalOnEveryCorpusWithoutSeeding(String corpus) {
        AccuracyEvaluator.Result result =
                AccuracyEvaluator.evaluate(corpus, REQUESTS, AccuracyEvaluator.SEED, TemplatingConfig.defaults());

        assertThat(result.f1())
                .as("F1 on %s, wrong: %s", corpus, result.errors())
                .isGreaterThanOrEqualTo(0.97);
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "stripe", "kubernetes"})
    void holdsTheGoalOnAnotherRandomDraw(String corpus) {
        AccuracyEvaluator.Result result = AccuracyEvaluator.evaluate(corpus, REQUESTS, 7L, TemplatingConfig.defaults());

        assertThat(result.f1())
                .as("F1 on %s, wrong: %s", corpus, result.errors())
                .isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void scoresSplitOperationsAsWrong() {
        assertThat(AccuracyEvaluator.shape("/repos/{owner}/{repo}")).isEqualTo("/repos/{}/{}");
        assertThat(AccuracyEvaluator.shape("/users/me")).isEqualTo("/users/me");
    }

    @Test
    void generatorIsDeterministicForASeed() {
        RouteCorpus corpus = RouteCorpus.load("github");

        assertThat(new TrafficGenerator(corpus, 3L).generate(200))
                .isEqualTo(new TrafficGenerator(corpus, 3L).generate(200));
        assertThat(corpus.routes()).hasSizeBetween(30, 80);
    }
}
