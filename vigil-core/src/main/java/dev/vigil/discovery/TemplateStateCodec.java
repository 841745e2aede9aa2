package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The JSON form of a {@link PathTemplater}'s learned state; keys and values sorted so output is stable. */
final class TemplateStateCodec {
    static final String FORMAT = "vigil-path-templates/1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    record Decoded(Map<String, HostTrie> hosts, List<List<String>> wildcardSeeds) {}

    private TemplateStateCodec() {}

    static ObjectNode encode(Map<String, HostTrie> hosts, List<List<String>> wildcardSeeds) {
        ObjectNode out = JSON.objectNode();
        out.put("format", FORMAT);
        ArrayNode seeds = out.putArray("wildcardSeeds");
        for (List<String> seed : wildcardSeeds) {
            seeds.add("/" + String.join("/", seed));
        }
        ObjectNode hostsNode = out.putObject("hosts");
        for (Map.Entry<String, HostTrie> e : new TreeMap<>(hosts).entrySet()) {
            HostTrie trie = e.getValue();
            synchronized (trie) {
                hostsNode.set(e.getKey(), encode(trie.root));
            }
        }
        return out;
    }

    private static ObjectNode encode(TemplateNode node) {
        ObjectNode out = JSON.objectNode();
        out.put("hits", node.hits);
        if (node.seededLiteral) {
            out.put("seeded", true);
        }
        if (!node.literals.isEmpty()) {
            ObjectNode literals = out.putObject("literals");
            for (Map.Entry<String, TemplateNode> e : new TreeMap<>(node.literals).entrySet()) {
                literals.set(e.getKey(), encode(e.getValue()));
            }
        }
        if (node.param != null) {
            ObjectNode param = out.putObject("param");
            param.put("origin", node.paramOrigin.name());
            if (node.paramName != null) {
                param.put("name", node.paramName);
            }
            if (node.paramType != null) {
                param.put("type", node.paramType.type());
                param.put("format", node.paramType.format());
                param.put("confidence", node.paramType.confidence());
            }
            param.put("mergedDistinct", node.mergedDistinct);
            if (node.idPrefix != null) {
                param.put("idPrefix", node.idPrefix);
                param.put("idLength", node.idLength);
            }
            ArrayNode values = param.putArray("values");
            new TreeSet<>(node.paramValues).forEach(values::add);
            param.set("node", encode(node.param));
        }
        return out;
    }

    static Decoded decode(JsonNode state, TemplatingConfig config) {
        if (state == null || !FORMAT.equals(state.path("format").asText())) {
            throw new IllegalArgumentException("not a path-template state (expected format " + FORMAT + ")");
        }
        List<List<String>> seeds = new ArrayList<>();
        for (JsonNode seed : state.path("wildcardSeeds")) {
            seeds.add(PathTemplater.segments(seed.asText()));
        }
        Map<String, HostTrie> hosts = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : state.path("hosts").properties()) {
            hosts.put(e.getKey(), new HostTrie(config, decodeNode(e.getValue(), config)));
        }
        return new Decoded(hosts, seeds);
    }

    private static TemplateNode decodeNode(JsonNode json, TemplatingConfig config) {
        TemplateNode node = new TemplateNode();
        node.hits = json.path("hits").asLong();
        node.seededLiteral = json.path("seeded").asBoolean(false);
        for (Map.Entry<String, JsonNode> e : json.path("literals").properties()) {
            node.literals.put(e.getKey(), decodeNode(e.getValue(), config));
        }
        JsonNode param = json.get("param");
        if (param != null) {
            node.paramOrigin =
                    TemplateNode.ParamOrigin.valueOf(param.path("origin").asText());
            node.paramName = param.hasNonNull("name") ? param.get("name").asText() : null;
            if (param.has("type")) {
                node.paramType = new SegmentType(
                        param.get("type").asText(),
                        param.path("format").asText(""),
                        param.path("confidence").asDouble(SegmentType.STRING.confidence()));
            }
            node.mergedDistinct = param.path("mergedDistinct").asInt();
            if (param.hasNonNull("idPrefix")) {
                node.idPrefix = param.get("idPrefix").asText();
                node.idLength = param.path("idLength").asInt();
            }
            for (JsonNode value : param.path("values")) {
                if (node.paramValues.size() < config.maxTrackedValuesPerNode()) {
                    node.paramValues.add(value.asText());
                }
            }
            node.param = decodeNode(param.path("node"), config);
        }
        return node;
    }
}
