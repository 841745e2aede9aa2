package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentClassifierTest {

    @ParameterizedTest
    @CsvSource({
        "12345, integer, ''",
        "0, integer, ''",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301, string, uuid",
        "9e107d9d372bb6826bd81d3542a419d6, string, hash",
        "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12, string, hash",
        "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592, string, hash",
        "507f1f77bcf86cd799439011, string, hex",
        "a1b2c3d, string, hex",
        "01ARZ3NDEKTSV4RRFFQ69G5FAV, string, ulid",
        "2024-03-15, string, date",
        "2024-03-15T10:20:30Z, string, date-time",
        "jane.doe@example.com, string, email",
        "jane.doe%40example.com, string, email",
        "cus_9s6XKzkNRiz8i3, string, token",
        "pi_3MtwBwLkdIwHu7ix28a3tqPa, string, token",
        "ch_UKGKULblnOIKquzbzrkIIFKsTq, string, token",
        "eyJhbGciOiJIUzI1NiJ9x7Q2kLm9, string, token",
        "web-7c5ddbdf54-x2x4k, string, token"
    })
    void classifiesIdentifierShapedSegments(String segment, String type, String format) {
        SegmentType result = SegmentClassifier.classify(segment);

        assertThat(result).isNotNull();
        assertThat(result.type()).isEqualTo(type);
        assertThat(result.format()).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "users",
                "octocat",
                "hello-world",
                "release-notes-2023",
                "x509-certificates",
                "deadbeef",
                "facade",
                "v1",
                "2024-13-45",
                "payment_intents",
                "oauth2",
                "README.md",
                "cus_MyCustomerName",
                "kube-system",
                "not@an-email"
            })
    void leavesWordLikeSegmentsLiteral(String segment) {
        assertThat(SegmentClassifier.classify(segment)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2", "V3", "v10", "v1beta1", "v2alpha3", "v1rc2"})
    void recognisesVersionTokens(String segment) {
        assertThat(SegmentClassifier.isVersionToken(segment)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.2.3", "vacation", "v", "v1gamma", "version", "v12345"})
    void doesNotMistakeOtherWordsForVersions(String segment) {
        assertThat(SegmentClassifier.isVersionToken(segment)).isFalse();
    }
}
