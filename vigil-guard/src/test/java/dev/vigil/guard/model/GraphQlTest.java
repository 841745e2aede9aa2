package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphQlTest {
    final ModelDetectors model = ModelDetectors.of(
            List.of(), List.of(), ModelConfig.DEFAULTS, Classifier.builtIn(), new MutableClock(Traffic.T0));

    List<String> post(String body) {
        return model.inspectResponse(exchange("POST", "/graphql", body, 200, "{}")).stream()
                .map(Detection::type)
                .toList();
    }

    static String json(String query) {
        return "{\"query\":" + Traffic.JSON.valueToTree(query) + "}";
    }

    static String nested(int depth) {
        return "query { " + "a { ".repeat(depth - 1) + "b" + " }".repeat(depth);
    }

    @Test
    void flagsSelectionsNestedDeeperThanTheLimit() {
        assertThat(post(json(nested(11)))).containsExactly("graphql.depth");
        assertThat(post(json(nested(10)))).isEmpty();
    }

    @Test
    void bracesInStringsCommentsAndInputObjectsAreNotSelections() {
        String query = "query { search(filter: {a: {b: {c: {d: {e: {f: {g: {h: 1}}}}}}}}, text: \"{{{{{{{{{{{{\") {"
                + " id # {{{{{{{{{{{{{{\n } }";
        assertThat(GraphQlInspector.scan(query).depth()).isEqualTo(2);
        assertThat(post(json(query))).isEmpty();
    }

    @Test
    void flagsBatchesOverTheLimit() {
        String op = json("query { me { id } }");
        assertThat(post("[" + String.join(",", java.util.Collections.nCopies(6, op)) + "]"))
                .containsExactly("graphql.batching");
        assertThat(post("[" + String.join(",", java.util.Collections.nCopies(5, op)) + "]"))
                .isEmpty();
    }

    @Test
    void flagsAliasFloodsButNotArgumentsOrVariables() {
        StringBuilder many = new StringBuilder("query {");
        for (int i = 0; i < 31; i++) {
            many.append(" a")
                    .append(i)
                    .append(": login(user: \"u\", password: \"p")
                    .append(i)
                    .append("\") { ok }");
        }
        many.append(" }");
        assertThat(post(json(many.toString()))).containsExactly("graphql.aliases");
        String normal =
                "query Q($id: ID!, $n: Int) { me: user(id: $id) { friends(first: $n, after: \"x\") { name } } }";
        assertThat(GraphQlInspector.scan(normal).aliases()).isEqualTo(1);
        assertThat(post(json(normal))).isEmpty();
    }

    @Test
    void flagsIntrospectionWhenDisabledButNotTypename() {
        assertThat(post(json("{ __schema { types { name } } }"))).containsExactly("graphql.introspection");
        assertThat(post(json("{ __type(name: \"User\") { fields { name } } }")))
                .containsExactly("graphql.introspection");
        assertThat(post(json("{ me { __typename id } }"))).isEmpty();
        assertThat(post(json("{ search(text: \"__schema\") { id } }"))).isEmpty();
    }

    @Test
    void ordinaryJsonBodiesAreNotGraphQl() {
        assertThat(post("{\"name\":\"" + "{".repeat(50) + "\"}")).isEmpty();
    }
}
