package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Samples.Sample;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ClassifierTest {
    private static final Classifier CLASSIFIER = Classifier.builtIn();

    static final List<Sample> positives = Samples.POSITIVES;
    static final List<Sample> twins = Samples.TWINS;

    private static Set<String> ids(List<Match> matches) {
        return matches.stream().map(m -> m.type().id()).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @FieldSource("positives")
    void flagsPositiveSample(Sample s) {
        assertThat(ids(CLASSIFIER.classify(s.key(), s.value()))).contains(s.typeId());
    }

    @ParameterizedTest
    @FieldSource("twins")
    void leavesSafeTwinAlone(Sample s) {
        assertThat(ids(CLASSIFIER.classify(s.key(), s.value()))).doesNotContain(s.typeId());
    }

    @Test
    void everyBuiltInTypeHasAPositiveAndASafeTwin() {
        Set<String> all = CLASSIFIER.types().stream().map(DataType::id).collect(Collectors.toSet());
        assertThat(positives.stream().map(Sample::typeId).collect(Collectors.toSet()))
                .isEqualTo(all);
        assertThat(twins.stream().map(Sample::typeId).collect(Collectors.toSet()))
                .isEqualTo(all);
    }

    @Test
    void builtInsCoverAllFourCategoriesWithAtLeastThirtyTypes() {
        assertThat(CLASSIFIER.types()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(CLASSIFIER.types().stream().map(DataType::category).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void commonScalarsMatchNothing() {
        for (String v : List.of("1", "42", "true", "false", "null", "active", "EUR", "3.14", "2024-01-02", "")) {
            assertThat(CLASSIFIER.classify("value", v)).as(v).isEmpty();
        }
    }

    @Test
    void uuidsAndRandomHexAreNotSecretsWithoutAKeyName() {
        assertThat(CLASSIFIER.classify("", "3f1c2a9e-5b7d-4c3e-9f0a-1b2c3d4e5f60"))
                .isEmpty();
        assertThat(CLASSIFIER.classify("etag", "9b2e6f0c1d4a7e3b8c5d2f1a0e9b8c7d"))
                .isEmpty();
        assertThat(CLASSIFIER.classify("sha", "da39a3ee5e6b4b0d3255bfef95601890afd80709"))
                .isEmpty();
    }

    @Test
    void keyEvidenceRaisesConfidenceAboveValueAlone() {
        double valueOnly = CLASSIFIER.classify("", "4111111111111111").get(0).confidence();
        double withKey =
                CLASSIFIER.classify("card_number", "4111111111111111").get(0).confidence();
        assertThat(withKey).isGreaterThan(valueOnly);
    }

    @Test
    void keyNamesMatchAcrossCaseAndSeparatorConventions() {
        for (String key :
                List.of("card_number", "cardNumber", "CARD_NUMBER", "card-number", "cardnumber", "creditCardNumber")) {
            assertThat(ids(CLASSIFIER.classify(key, "4567890123456783")))
                    .as(key)
                    .contains("credit_card");
        }
    }

    @Test
    void resultsAreBestFirst() {
        List<Match> m = CLASSIFIER.classify("ssn", "536221234");
        for (int i = 1; i < m.size(); i++) {
            assertThat(m.get(i - 1).confidence())
                    .isGreaterThanOrEqualTo(m.get(i).confidence());
        }
        assertThat(m.get(0).type().id()).isEqualTo("us_ssn");
    }

    @Test
    void numericValuesAreClassifiedFromTheirText() {
        assertThat(ids(CLASSIFIER.classify("", "5555555555554444"))).containsExactly("credit_card");
    }
}
