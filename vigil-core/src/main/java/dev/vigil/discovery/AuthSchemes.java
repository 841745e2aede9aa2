package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON form of {@link AuthScheme}, shared by the engine state, the store and reports. */
public final class AuthSchemes {
    private AuthSchemes() {}

    public static ObjectNode toJson(AuthScheme scheme) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (scheme) {
            case AuthScheme.None n -> o.put("kind", "none");
            case AuthScheme.Basic b -> o.put("kind", "basic");
            case AuthScheme.OpaqueBearer b -> o.put("kind", "bearer");
            case AuthScheme.Jwt j -> {
                o.put("kind", "jwt").put("alg", j.alg()).put("issuer", j.issuer());
                strings(o.putArray("audience"), j.audience());
                strings(o.putArray("scopes"), j.scopes());
            }
            case AuthScheme.ApiKey k ->
                o.put("kind", "apiKey").put("in", k.in().name()).put("name", k.name());
            case AuthScheme.SessionCookie c -> o.put("kind", "cookie").put("name", c.name());
            case AuthScheme.OAuth2TokenEndpoint t -> {
                o.put("kind", "oauth2");
                strings(o.putArray("grantTypes"), t.grantTypes());
            }
        }
        return o;
    }

    public static AuthScheme fromJson(JsonNode o) {
        String kind = o.path("kind").asText();
        return switch (kind) {
            case "none" -> new AuthScheme.None();
            case "basic" -> new AuthScheme.Basic();
            case "bearer" -> new AuthScheme.OpaqueBearer();
            case "jwt" ->
                new AuthScheme.Jwt(
                        o.path("alg").asText(),
                        o.path("issuer").asText(),
                        list(o.path("audience")),
                        list(o.path("scopes")));
            case "apiKey" ->
                new AuthScheme.ApiKey(
                        ParameterLocation.valueOf(o.path("in").asText()),
                        o.path("name").asText());
            case "cookie" -> new AuthScheme.SessionCookie(o.path("name").asText());
            case "oauth2" -> new AuthScheme.OAuth2TokenEndpoint(list(o.path("grantTypes")));
            default -> throw new IllegalArgumentException("unknown auth scheme kind: " + kind);
        };
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
