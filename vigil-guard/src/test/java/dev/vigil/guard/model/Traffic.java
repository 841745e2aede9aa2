package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.discovery.SensitiveField;
import dev.vigil.guard.detect.HeaderLookup;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Builders for inventory endpoints, request heads and captured exchanges in model tests. */
final class Traffic {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Traffic() {}

    static ObjectNode schema(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Parameter param(String name, ParameterLocation in, String schemaJson, long seen) {
        return new Parameter(name, in, false, schema(schemaJson), seen);
    }

    static Endpoint endpoint(String method, String template, long calls, List<Parameter> params) {
        return endpoint(method, template, calls, params, Map.of(), List.of());
    }

    static Endpoint endpoint(
            String method,
            String template,
            long calls,
            List<Parameter> params,
            Map<String, ObjectNode> bodies,
            List<SensitiveField> sensitive) {
        return new Endpoint(
                new EndpointKey("api.test", method, template),
                1.0,
                calls,
                T0,
                T0,
                Exposure.PUBLIC,
                List.of(),
                Set.of(),
                params,
                bodies,
                Map.of(),
                sensitive);
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
    }

    /** A head for host api.test; {@code headers} are name/value pairs. */
    static RequestHead head(String method, String pathAndQuery, String... headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("host", "api.test");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        int q = pathAndQuery.indexOf('?');
        String path = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
        String query = q >= 0 ? pathAndQuery.substring(q + 1) : "";
        return new RequestHead("api", method, path, query, "10.0.0.9", HeaderLookup.of(h));
    }

    /** A captured JSON exchange on host api.test. {@code requestHeaders} are name/value pairs. */
    static Exchange exchange(
            String method,
            String pathAndQuery,
            String requestBody,
            int status,
            String responseBody,
            String... requestHeaders) {
        return exchange(method, pathAndQuery, requestBody, status, List.of(), responseBody, requestHeaders);
    }

    static Exchange exchange(
            String method,
            String pathAndQuery,
            String requestBody,
            int status,
            List<Header> responseHeaders,
            String responseBody,
            String... requestHeaders) {
        List<Header> rh = new ArrayList<>();
        rh.add(new Header("Content-Type", "application/json"));
        for (int i = 0; i < requestHeaders.length; i += 2) {
            rh.add(new Header(requestHeaders[i], requestHeaders[i + 1]));
        }
        int q = pathAndQuery.indexOf('?');
        String path = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
        String query = q >= 0 ? pathAndQuery.substring(q + 1) : "";
        Exchange.Request req = new Exchange.Request(
                method.toUpperCase(Locale.ROOT), "http", "api.test", 80, path, query, rh, requestBody);
        List<Header> resp = new ArrayList<>(responseHeaders);
        resp.add(new Header("Content-Type", "application/json"));
        return new Exchange(
                T0, 1, req, Optional.of(new Exchange.Response(status, resp, responseBody)), "guard", "10.0.0.9");
    }
}
