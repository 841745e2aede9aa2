package dev.vigil.scan.surface;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An OpenAPI link: a successful answer of {@code from} ("GET /users/me") provides values for
 * parameters of {@code to} ("GET /wallets/{walletRef}"), each given as a runtime expression
 * ({@code $response.body#/pointer}, {@code $response.header.Name}) or a constant.
 */
public record OperationLink(String from, String to, Map<String, String> parameters) {
    public OperationLink {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
