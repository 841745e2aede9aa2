package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldEvidenceTest {
    private static final Classifier CLASSIFIER = Classifier.builtIn();

    private static FieldEvidence observe(String key, List<String> values) {
        FieldEvidence e = new FieldEvidence();
        values.forEach(v -> e.record(CLASSIFIER.classify(key, v)));
        return e;
    }

    private static List<String> repeat(String v, int n) {
        return java.util.Collections.nCopies(n, v);
    }

    @Test
    void weakValidatorMatchingOnceInAHundredSamplesIsNotFlagged() {
        List<String> values = new java.util.ArrayList<>();
        values.add("4111111111111111"); // Luhn-valid by chance among order numbers
        for (int i = 0; i < 99; i++) {
            values.add(String.valueOf(1_000_000_000_000_000L + i * 7919L));
        }
        FieldEvidence e = observe("value", values);
        assertThat(e.samples()).isEqualTo(100);
        assertThat(e.matches("credit_card")).isEqualTo(1);
        assertThat(e.verdicts()).isEmpty();
    }

    @Test
    void fieldMatchingConsistentlyIsFlagged() {
        FieldEvidence e = observe("", List.of("4111111111111111", "5555555555554444", "378282246310005"));
        assertThat(e.verdicts())
                .singleElement()
                .satisfies(m -> assertThat(m.type().id()).isEqualTo("credit_card"));
    }

    @Test
    void moreSamplesGiveMoreConfidence() {
        double two =
                observe("", repeat("5555555555554444", 2)).verdicts().get(0).confidence();
        double twenty =
                observe("", repeat("5555555555554444", 20)).verdicts().get(0).confidence();
        assertThat(twenty).isGreaterThan(two);
    }

    @Test
    void ambiguousValueOnlyEvidenceNeedsToRepeatButAStrongKeyNameDoesNot() {
        assertThat(observe("", List.of("5555555555554444")).verdicts()).isEmpty();
        assertThat(observe("card_number", List.of("5555555555554444")).verdicts())
                .extracting(m -> m.type().id())
                .containsExactly("credit_card");
    }

    @Test
    void distinctiveValueIsFlaggedFromOneSample() {
        assertThat(observe("", List.of(Samples.JWT)).verdicts())
                .extracting(m -> m.type().id())
                .containsExactly("jwt");
    }

    @Test
    void fieldMatchingOnlyHalfTheTimeIsNotFlagged() {
        FieldEvidence e = observe("", List.of("alice@example.com", "n/a", "bob@example.com", "unknown"));
        assertThat(e.verdicts()).isEmpty();
    }

    @Test
    void survivesJsonRoundTripAndKeepsAccumulating() throws Exception {
        FieldEvidence e = observe("email", List.of("alice@example.com", "bob@example.com", "n/a"));
        String json = new ObjectMapper().writeValueAsString(e.toJson());
        FieldEvidence back = FieldEvidence.fromJson(new ObjectMapper().readTree(json));
        assertThat(back.samples()).isEqualTo(3);
        assertThat(back.matches("email")).isEqualTo(2);
        assertThat(back.verdicts()).isEqualTo(e.verdicts());
        assertThat(new ObjectMapper().writeValueAsString(back.toJson())).isEqualTo(json);
        back.record(CLASSIFIER.classify("email", "carol@example.com"));
        assertThat(back.verdicts().get(0).confidence())
                .isGreaterThan(e.verdicts().get(0).confidence());
    }

    @Test
    void mergeAddsSamplesAndMatches() {
        FieldEvidence a = observe("email", List.of("alice@example.com"));
        a.merge(observe("email", List.of("bob@example.com", "n/a")));
        assertThat(a.samples()).isEqualTo(3);
        assertThat(a.matches("email")).isEqualTo(2);
    }

    @Test
    void rejectsMalformedJsonListingEachProblem() throws Exception {
        var n = new ObjectMapper()
                .readTree("{\"samples\":1,\"types\":[{\"id\":\"email\",\"name\":\"E\",\"category\":\"PII\","
                        + "\"sensitivity\":3,\"matches\":5,\"confidenceSum\":1}]}");
        assertThatThrownBy(() -> FieldEvidence.fromJson(n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more matches than samples");
    }

    @Test
    void countsATypeOncePerSample() {
        FieldEvidence e = new FieldEvidence();
        DataType t = new DataType("email", "Email", Category.PII, 3);
        e.record(List.of(new Match(t, 0.9), new Match(t, 0.5)));
        assertThat(e.matches("email")).isEqualTo(1);
        assertThat(e.verdicts().get(0).confidence()).isCloseTo(0.9 / 1.5, org.assertj.core.data.Offset.offset(1e-9));
    }
}
