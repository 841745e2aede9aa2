package dev.vigil.discovery.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.classify.Classifier;
import dev.vigil.classify.Redactor;
import dev.vigil.traffic.Bodies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyAnalyzerTest {
    private final Classifier classifier = Classifier.builtIn();
    private final BodyAnalyzer analyzer = new BodyAnalyzer(classifier, new Redactor(classifier));

    private ObjectNode schemaOf(String... bodies) {
        SchemaNode root = new SchemaNode("$");
        for (String body : bodies) {
            assertThat(analyzer.absorbJson(body, root)).as(body).isTrue();
        }
        return root.toJsonSchema();
    }

    @Test
    void infersTypesFormatsRequiredAndNullability() {
        ObjectNode schema = schemaOf(
                "{\"id\":1,\"created\":\"2024-01-01T10:00:00Z\",\"ref\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\",\"nick\":null}",
                "{\"id\":2,\"created\":\"2024-02-03T11:30:00Z\",\"ref\":\"6fa459ea-ee8a-3ca4-894e-db77e160355e\",\"nick\":\"zed\"}",
                "{\"id\":3,\"created\":\"2024-03-04T12:00:00Z\",\"ref\":\"16fd2706-8baf-433b-82eb-8c7fada847da\"}");

        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.at("/properties/id/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/properties/created/format").asText()).isEqualTo("date-time");
        assertThat(schema.at("/properties/ref/format").asText()).isEqualTo("uuid");
        assertThat(schema.at("/properties/nick/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema.path("required").toString()).isEqualTo("[\"created\",\"id\",\"ref\"]");
    }

    @Test
    void aFormatIsDroppedWhenOneSampleBreaksIt() {
        ObjectNode schema = schemaOf("{\"at\":\"2024-01-01\"}", "{\"at\":\"yesterday\"}");
        assertThat(schema.at("/properties/at/format").isMissingNode()).isTrue();
    }

    @Test
    void publishesEnumsOnlyForLowCardinalityStringsWithEnoughSamples() {
        String[] statuses = new String[30];
        String[] names = new String[30];
        for (int i = 0; i < 30; i++) {
            statuses[i] = "{\"status\":\"" + (i % 3 == 0 ? "paid" : "pending") + "\"}";
            names[i] = "{\"title\":\"Product number " + i + "\"}";
        }
        assertThat(schemaOf(statuses).at("/properties/status/enum").toString()).isEqualTo("[\"paid\",\"pending\"]");
        assertThat(schemaOf(names).at("/properties/title/enum").isMissingNode()).isTrue();
        assertThat(schemaOf("{\"status\":\"paid\"}")
                        .at("/properties/status/enum")
                        .isMissingNode())
                .as("one sample is no evidence of an enumeration")
                .isTrue();
    }

    @Test
    void mixedIntegersAndDecimalsAreNumbersAndArraysGetItems() {
        ObjectNode schema = schemaOf("{\"price\":3,\"tags\":[\"a\",\"b\"]}", "{\"price\":2.5,\"tags\":[]}");
        assertThat(schema.at("/properties/price/type").asText()).isEqualTo("number");
        assertThat(schema.at("/properties/tags/type").asText()).isEqualTo("array");
        assertThat(schema.at("/properties/tags/items/type").asText()).isEqualTo("string");
    }

    @Test
    void malformedJsonIsReportedAndTruncatedBodiesAreNotParsed() {
        SchemaNode root = new SchemaNode("$");
        assertThat(analyzer.absorbJson("{\"id\":1}", root)).isTrue();
        assertThat(analyzer.absorbJson("{\"id\":2, \"broken\": [", root)).isFalse();
        assertThat(analyzer.absorbJson("{\"a\":1} trailing", root)).isFalse();
        long before = root.samples();
        assertThat(analyzer.absorbJson("{\"id\":3,\"cut\":\"abc" + Bodies.TRUNCATION_MARKER, root))
                .isFalse();
        assertThat(root.samples()).isEqualTo(before);
        assertThat(root.toJsonSchema().path("properties").has("cut")).isFalse();
    }

    @Test
    void mergingTwoNodesEqualsAbsorbingBothSampleSets() {
        String a = "{\"id\":1,\"email\":\"ann@example.org\",\"items\":[{\"sku\":\"A1\"}]}";
        String b = "{\"id\":2,\"note\":null,\"items\":[{\"sku\":\"B2\",\"qty\":2}]}";
        SchemaNode left = new SchemaNode("$");
        SchemaNode right = new SchemaNode("$");
        SchemaNode both = new SchemaNode("$");
        analyzer.absorbJson(a, left);
        analyzer.absorbJson(b, right);
        analyzer.absorbJson(a, both);
        analyzer.absorbJson(b, both);
        left.merge(right);
        assertThat(left.toJsonSchema()).isEqualTo(both.toJsonSchema());
    }

    @Test
    void stateRoundTripKeepsTheSchema() {
        SchemaNode node = new SchemaNode("$");
        for (int i = 0; i < 12; i++) {
            analyzer.absorbJson("{\"n\":" + i + ",\"kind\":\"a\",\"at\":\"2024-01-0" + (1 + i % 9) + "\"}", node);
        }
        assertThat(SchemaNode.fromState(node.toState()).toJsonSchema()).isEqualTo(node.toJsonSchema());
    }

    @Test
    void sensitiveValuesAreClassifiedAndNeverKeptAsExamples() {
        SchemaNode node = new SchemaNode("$");
        for (int i = 0; i < 20; i++) {
            analyzer.absorbJson(
                    "{\"email\":\"person" + i + "@example.org\",\"card\":\"4111111111111111\",\"city\":\"Porto\"}",
                    node);
        }
        ObjectNode schema = node.toJsonSchema();
        String text = schema.toString();
        assertThat(text).doesNotContain("4111111111111111").doesNotContain("person0@example.org");
        assertThat(schema.at("/properties/email/x-vigil-sensitive").toString()).contains("email");
        assertThat(schema.at("/properties/city/x-vigil-sensitive").isMissingNode())
                .isTrue();
        assertThat(schema.at("/properties/city/examples/0").asText()).isEqualTo("Porto");
    }

    @Test
    void formBodiesAndParametersAreObjectsOfStringsAndIntegers() {
        SchemaNode form = new SchemaNode("$");
        analyzer.absorbForm(List.of(Map.entry("grant_type", "password"), Map.entry("username", "ann")), form);
        assertThat(form.toJsonSchema().at("/properties/grant_type/type").asText())
                .isEqualTo("string");

        SchemaNode limit = new SchemaNode("limit");
        analyzer.absorbParameter(limit, "limit", "25", true);
        analyzer.absorbParameter(limit, "limit", "100", true);
        assertThat(limit.toJsonSchema().path("type").asText()).isEqualTo("integer");
        assertThat(BodyAnalyzer.looksInteger("007")).isFalse();
        assertThat(BodyAnalyzer.looksInteger("-12")).isTrue();
    }
}
