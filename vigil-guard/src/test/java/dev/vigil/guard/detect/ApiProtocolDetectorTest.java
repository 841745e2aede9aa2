package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiProtocolDetectorTest {
    final ApiProtocolDetector detector = new ApiProtocolDetector(
            new ApiProtocolDetector.GraphqlLimits(false, 6, 5, 3),
            new ApiProtocolDetector.McpTools(Set.of("search_docs", "get_weather"), Set.of("delete_repo")));

    List<Detection> json(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return detector.inspectBody(b, b.length, "application/json");
    }

    static String quoted(String graphql) {
        return "{\"query\":\"" + graphql.replace("\"", "\\\"") + "\"}";
    }

    @Test
    void flagsGraphqlIntrospectionDeepNestingAliasFanOutAndBatches() {
        assertThat(json(quoted("{ __schema { types { name } } }")))
                .extracting(Detection::type)
                .containsExactly("graphql.introspection");
        assertThat(json(quoted("{ a { b { c { d { e { f { g { id } } } } } } } }")))
                .extracting(Detection::type)
                .containsExactly("graphql.depth");
        StringBuilder aliases = new StringBuilder("mutation {");
        for (int i = 0; i < 6; i++) {
            aliases.append(" t")
                    .append(i)
                    .append(": login(user: \"a\", password: \"p")
                    .append(i)
                    .append("\") { token }");
        }
        assertThat(json(quoted(aliases.append(" }").toString())))
                .extracting(Detection::type)
                .containsExactly("graphql.aliases");
        assertThat(json("[" + String.join(",", java.util.Collections.nCopies(4, quoted("{ me { id } }"))) + "]"))
                .extracting(Detection::type)
                .containsExactly("graphql.batch");
        assertThat(detector.inspectQuery("query=%7B__type(name%3A%22User%22)%7Bname%7D%7D"))
                .extracting(Detection::type)
                .containsExactly("graphql.introspection");
    }

    @Test
    void leavesOrdinaryGraphqlAlone() {
        assertThat(json(quoted("query Order($id: ID!) { order(id: $id) { id total items { sku qty } } }")))
                .isEmpty();
        // Braces, colons and "__schema" inside strings and comments are not syntax.
        assertThat(json(quoted("# about __schema\n{ search(text: \"{{{{{{{{ a: b( __schema\") { id } }")))
                .isEmpty();
        assertThat(json("[" + quoted("{ me { id } }") + "," + quoted("{ cart { id } }") + "]"))
                .isEmpty();
    }

    @Test
    void flagsMcpCallsToToolsOutsideThePolicyButNotAllowedOnes() {
        assertThat(
                        json(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_repo\"}}"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.type()).isEqualTo("mcp.tool-denied");
                    assertThat(d.evidence()).contains("delete_repo");
                });
        assertThat(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\"}}"))
                .extracting(Detection::type)
                .containsExactly("mcp.tool-denied");
        assertThat(json("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"search_docs\","
                        + "\"arguments\":{\"q\":\"netty\"}}}"))
                .isEmpty();
        assertThat(json("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}"))
                .isEmpty();
    }
}
