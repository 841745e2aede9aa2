package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.OperationLink;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Follows documented OpenAPI links during learning: when an identity gets a success from a link's
 * source operation, the runtime expressions give values for the target operation's path
 * parameters, which the ownership oracle then holds as ids this identity has seen.
 * Supported expressions: {@code $response.body#/json/pointer}, {@code $response.body} (a scalar
 * body), {@code $response.header.Name}; others (request values, constants) are ignored.
 */
final class LinkFollower {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LinkFollower() {}

    static void learn(ScanContext ctx, Identity identity, Operation from, HttpResult answer) {
        for (OperationLink link : ctx.target.links()) {
            if (!link.from().equals(from.key())) {
                continue;
            }
            Optional<Operation> to = ctx.target.operations().stream()
                    .filter(o -> o.key().equals(link.to()))
                    .findFirst();
            if (to.isEmpty()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            link.parameters().forEach((param, expr) -> {
                if (to.get().pathParameterNames().contains(param)) {
                    evaluate(expr, answer).ifPresent(v -> values.put(param, v));
                }
            });
            if (!values.isEmpty()) {
                ctx.oracle.learnPath(identity, to.get(), values);
            }
        }
    }

    static Optional<String> evaluate(String expression, HttpResult answer) {
        String e = expression.strip();
        if (e.startsWith("{") && e.endsWith("}")) {
            e = e.substring(1, e.length() - 1); // embedded form "{$response.body#/id}"
        }
        if (e.startsWith("$response.header.")) {
            return answer.header(e.substring("$response.header.".length())).filter(v -> !v.isBlank());
        }
        if (e.equals("$response.body") || e.startsWith("$response.body#")) {
            JsonNode node;
            try {
                node = JSON.readTree(answer.body());
            } catch (IOException ex) {
                return Optional.empty();
            }
            if (node == null) {
                return Optional.empty();
            }
            if (e.startsWith("$response.body#")) {
                node = node.at(e.substring("$response.body#".length()));
            }
            return node.isValueNode() && !node.isNull() && !node.asText().isEmpty()
                    ? Optional.of(node.asText())
                    : Optional.empty();
        }
        return Optional.empty();
    }
}
