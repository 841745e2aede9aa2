package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.OperationParameter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** List answers, page-size candidates and body padding used by the resource and property checks. */
class ListShapesTest {
    private static OperationParameter query(String name, String type, String sample) {
        return new OperationParameter(name, ParameterLocation.QUERY, false, type, "", sample);
    }

    @Test
    void countsTheItemsOfBareArraysWrappedListsAndNestedWrappers() {
        assertThat(JsonFields.count("[{\"a\":1},{\"a\":2}]")).hasValue(2);
        assertThat(JsonFields.count("{\"count\":3,\"tags\":[\"x\"],\"items\":[{},{},{}]}"))
                .hasValue(3);
        assertThat(JsonFields.count("{\"data\":{\"results\":[{\"id\":1}]},\"meta\":{}}"))
                .hasValue(1);
        assertThat(JsonFields.count("{\"id\":1,\"name\":\"x\"}")).isEqualTo(OptionalInt.empty());
        assertThat(JsonFields.count("not json")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void picksNamedPageSizesFirstThenNumericParametersThatDoNotPositionOrFilter() {
        Operation op = new Operation(
                "GET",
                "/events",
                List.of(
                        query("offset", "integer", "0"),
                        query("accountId", "integer", "5"),
                        query("q", "string", "x"),
                        query("n", "string", "20"),
                        query("per_page", "integer", "")),
                "",
                true,
                "test");
        assertThat(ResourceRunners.pageSizeCandidates(op))
                .extracting(OperationParameter::name)
                .containsExactly("per_page", "n");
    }

    @Test
    void padsOneFieldToTheRequestedBodySize() throws Exception {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("{\"text\":\"hello\",\"n\":1}");
        String padded = ResourceRunners.pad(body, "text", 4096);
        assertThat(padded.getBytes(StandardCharsets.UTF_8).length).isBetween(4090, 4100);
        assertThat(new ObjectMapper().readTree(padded).get("n").asInt()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(padded).get("text").asText()).startsWith("helloAAA");
    }
}
