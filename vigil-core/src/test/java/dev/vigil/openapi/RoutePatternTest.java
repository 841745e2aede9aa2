package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutePatternTest {
    private static boolean matches(String documented, String observed) {
        return RoutePattern.of(documented).match(RoutePattern.of(observed)).isPresent();
    }

    @Test
    void parameterMatchesLiteralsAndOtherTemplates() {
        assertThat(matches("/users/{id}", "/users/42")).isTrue();
        assertThat(matches("/users/{id}", "/users/{userId}")).isTrue();
        assertThat(matches("/users/{id}", "/users/42/orders")).isFalse();
    }

    @Test
    void literalMatchesOnlyItself() {
        assertThat(matches("/users/me", "/users/me")).isTrue();
        assertThat(matches("/users/me", "/users/{userId}")).isFalse();
        assertThat(matches("/users/me", "/Users/me")).isFalse();
    }

    @Test
    void ignoresTrailingAndDoubledSlashes() {
        assertThat(matches("/users/{id}/", "/users//42")).isTrue();
        assertThat(matches("/", "")).isTrue();
    }

    @Test
    void mixedSegmentsMatchTheirShape() {
        assertThat(matches("/reports/{id}.json", "/reports/7.json")).isTrue();
        assertThat(matches("/reports/{id}.json", "/reports/7.xml")).isFalse();
        assertThat(matches("/reports/{id}.json", "/reports/{reportId}")).isTrue();
    }

    @Test
    void literalScoresHigherThanParameter() {
        RoutePattern observed = RoutePattern.of("/users/me");
        int[] literal = RoutePattern.of("/users/me").match(observed).orElseThrow();
        int[] template = RoutePattern.of("/users/{id}").match(observed).orElseThrow();
        assertThat(RoutePattern.compareSpecificity(literal, template)).isPositive();
    }
}
