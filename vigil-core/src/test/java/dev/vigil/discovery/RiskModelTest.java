package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskModelTest {
    private static final RiskModel RISK = new RiskModel(Classifier.builtIn());

    private static Endpoint endpoint(
            String method, Exposure exposure, List<AuthScheme> auth, List<SensitiveField> fields) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        return new Endpoint(
                new EndpointKey("api.example.com", method, "/x"),
                1.0,
                1,
                t,
                t,
                exposure,
                auth,
                Set.of(),
                List.of(),
                Map.of(),
                Map.of(),
                fields);
    }

    @Test
    void publicAnonymousEndpointReturningCardsIsCritical() {
        RiskModel.Risk risk = RISK.assess(endpoint(
                "GET",
                Exposure.PUBLIC,
                List.of(new AuthScheme.None()),
                List.of(new SensitiveField("response:$.card", "credit_card", "FINANCIAL", 0.99, 10, 10))));
        assertThat(risk.level()).isEqualTo("critical");
        assertThat(risk.reasons())
                .anyMatch(r -> r.contains("credit_card"))
                .anyMatch(r -> r.contains("without credentials"));
    }

    @Test
    void internalAuthenticatedEndpointWithoutSensitiveDataIsLow() {
        RiskModel.Risk risk = RISK.assess(endpoint(
                "GET",
                Exposure.INTERNAL,
                List.of(new AuthScheme.Jwt("RS256", "iss", List.of(), List.of())),
                List.of()));
        assertThat(risk.level()).isEqualTo("low");
        assertThat(risk.score()).isZero();
    }

    @Test
    void returningDataWeighsMoreThanReceivingIt() {
        SensitiveField in = new SensitiveField("request:$.email", "email", "PII", 0.9, 10, 10);
        SensitiveField out = new SensitiveField("response:$.email", "email", "PII", 0.9, 10, 10);
        assertThat(RISK.assess(endpoint("GET", Exposure.INTERNAL, List.of(), List.of(out)))
                        .score())
                .isGreaterThan(RISK.assess(endpoint("GET", Exposure.INTERNAL, List.of(), List.of(in)))
                        .score());
    }
}
