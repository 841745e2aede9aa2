package dev.vigil.discovery.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.classify.FieldEvidence;
import dev.vigil.classify.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What many samples of one JSON value position have in common: the types seen, string formats that
 * held for every sample, low-cardinality enumerations, object properties with how often each was
 * present, array items, nullability, one redacted example and the sensitive-data evidence.
 *
 * <p>Mutable and not thread-safe: the owning endpoint serialises access. Merging two nodes gives the
 * same result as having absorbed both sample sets into one, which lets the inventory re-key endpoints
 * when a path template generalises.
 */
public final class SchemaNode {
    /** Beyond this many distinct property names an object is treated as a map. */
    static final int MAX_PROPERTIES = 200;

    static final int MAX_ENUM = 8;
    static final int MAX_ENUM_LENGTH = 40;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String location;
    long presentIn;
    long nulls;
    long booleans;
    long integers;
    long numbers;
    long strings;
    long objects;
    long arrays;
    int formatMask = StringFormats.ALL;
    private TreeMap<String, Long> enumValues = new TreeMap<>();
    private boolean enumOverflow;
    private String example;
    private TreeMap<String, SchemaNode> properties;
    private SchemaNode additional;
    private SchemaNode items;
    private FieldEvidence evidence;

    public SchemaNode(String location) {
        this.location = location;
    }

    /** Where this node sits, as {@code $.a.b[].c}. */
    public String location() {
        return location;
    }

    public long samples() {
        return nulls + booleans + integers + numbers + strings + objects + arrays;
    }

    SchemaNode property(String name) {
        if (properties == null) {
            properties = new TreeMap<>();
        }
        SchemaNode child = properties.get(name);
        if (child == null) {
            if (properties.size() >= MAX_PROPERTIES) {
                if (additional == null) {
                    additional = new SchemaNode(location + ".*");
                }
                return additional;
            }
            child = new SchemaNode(location + "." + name);
            properties.put(name, child);
        }
        return child;
    }

    SchemaNode items() {
        if (items == null) {
            items = new SchemaNode(location + "[]");
        }
        return items;
    }

    void string(String value) {
        strings++;
        formatMask &= StringFormats.of(value);
        if (!enumOverflow) {
            if (value.length() > MAX_ENUM_LENGTH || (enumValues.size() >= MAX_ENUM && !enumValues.containsKey(value))) {
                enumOverflow = true;
                enumValues = new TreeMap<>();
            } else {
                enumValues.merge(value, 1L, Long::sum);
            }
        }
    }

    /** A body that is not structured (HTML, binary, unparseable JSON): documented as a string. */
    public void opaque() {
        presentIn++;
        strings++;
        formatMask = 0;
        enumOverflow = true;
        enumValues = new TreeMap<>();
    }

    /**
     * Counts {@code times} samples of one literal value, for a path segment that was literal under an
     * older template and is a parameter now.
     */
    public void literal(String value, long times) {
        presentIn += times;
        if (BodyAnalyzer.looksInteger(value)) {
            integers += times;
        } else {
            strings += times;
            formatMask &= StringFormats.of(value);
            enumOverflow = true;
            enumValues = new TreeMap<>();
        }
        if (example == null) {
            example = value;
        }
    }

    public long presentIn() {
        return presentIn;
    }

    boolean needsExample() {
        return example == null;
    }

    void example(String redacted) {
        example = redacted;
    }

    /** The evidence of sensitive data for this position, created on first use. */
    public FieldEvidence evidence() {
        if (evidence == null) {
            evidence = new FieldEvidence();
        }
        return evidence;
    }

    /** Sensitive-data verdicts for this node and every node below it, keyed by location. */
    public void collectVerdicts(Map<String, FieldEvidence> out) {
        if (evidence != null && !evidence.verdicts().isEmpty()) {
            out.put(location, evidence);
        }
        if (properties != null) {
            for (SchemaNode child : properties.values()) {
                child.collectVerdicts(out);
            }
        }
        if (additional != null) {
            additional.collectVerdicts(out);
        }
        if (items != null) {
            items.collectVerdicts(out);
        }
    }

    /** Folds {@code other}'s samples into this node. */
    public void merge(SchemaNode other) {
        presentIn += other.presentIn;
        nulls += other.nulls;
        booleans += other.booleans;
        integers += other.integers;
        numbers += other.numbers;
        if (other.strings > 0) {
            formatMask &= other.formatMask;
        }
        strings += other.strings;
        objects += other.objects;
        arrays += other.arrays;
        if (other.enumOverflow) {
            enumOverflow = true;
            enumValues = new TreeMap<>();
        } else if (!enumOverflow) {
            other.enumValues.forEach((k, v) -> enumValues.merge(k, v, Long::sum));
            if (enumValues.size() > MAX_ENUM) {
                enumOverflow = true;
                enumValues = new TreeMap<>();
            }
        }
        if (example == null) {
            example = other.example;
        }
        if (other.properties != null) {
            other.properties.forEach((name, child) -> property(name).merge(child));
        }
        if (other.additional != null) {
            if (additional == null) {
                additional = new SchemaNode(location + ".*");
            }
            additional.merge(other.additional);
        }
        if (other.items != null) {
            items().merge(other.items);
        }
        if (other.evidence != null) {
            evidence().merge(other.evidence);
        }
    }

    /** This node as a JSON Schema 2020-12 object with {@code x-vigil-sensitive} where data is sensitive. */
    public ObjectNode toJsonSchema() {
        ObjectNode schema = JSON.objectNode();
        List<String> types = new ArrayList<>(7);
        if (objects > 0) {
            types.add("object");
        }
        if (arrays > 0) {
            types.add("array");
        }
        if (strings > 0) {
            types.add("string");
        }
        if (numbers > 0) {
            types.add("number");
        } else if (integers > 0) {
            types.add("integer");
        }
        if (booleans > 0) {
            types.add("boolean");
        }
        if (nulls > 0) {
            types.add("null");
        }
        if (types.size() == 1) {
            schema.put("type", types.get(0));
        } else if (types.size() > 1) {
            ArrayNode array = schema.putArray("type");
            types.forEach(array::add);
        }
        List<Match> verdicts = evidence == null ? List.of() : evidence.verdicts();
        if (strings > 0) {
            String format = StringFormats.name(formatMask);
            if (format != null) {
                schema.put("format", format);
            } else if (verdicts.isEmpty() && publishesEnum()) {
                ArrayNode values = schema.putArray("enum");
                enumValues.keySet().forEach(values::add);
                if (nulls > 0) {
                    values.addNull();
                }
            }
        }
        if (objects > 0) {
            if (properties != null) {
                ObjectNode props = schema.putObject("properties");
                List<String> required = new ArrayList<>();
                properties.forEach((name, child) -> {
                    props.set(name, child.toJsonSchema());
                    if (child.presentIn == objects) {
                        required.add(name);
                    }
                });
                if (!required.isEmpty()) {
                    ArrayNode req = schema.putArray("required");
                    required.forEach(req::add);
                }
            }
            if (additional != null) {
                schema.set("additionalProperties", additional.toJsonSchema());
            }
        }
        if (arrays > 0 && items != null) {
            schema.set("items", items.toJsonSchema());
        }
        if (!verdicts.isEmpty()) {
            ArrayNode sensitive = schema.putArray("x-vigil-sensitive");
            verdicts.forEach(m -> sensitive.add(m.type().id()));
            schema.putArray("examples")
                    .add("<redacted:" + verdicts.get(0).type().id() + ">");
        } else if (example != null && objects == 0 && arrays == 0) {
            schema.putArray("examples").add(example);
        }
        return schema;
    }

    private boolean publishesEnum() {
        int distinct = enumValues.size();
        return !enumOverflow && distinct > 0 && distinct <= MAX_ENUM && strings >= 10L * distinct;
    }

    /** Persisted form, for incremental runs. */
    public ObjectNode toState() {
        ObjectNode s = JSON.objectNode();
        s.put("loc", location);
        long[] counts = {presentIn, nulls, booleans, integers, numbers, strings, objects, arrays};
        ArrayNode c = s.putArray("n");
        for (long v : counts) {
            c.add(v);
        }
        s.put("fmt", formatMask);
        if (enumOverflow) {
            s.put("enumOverflow", true);
        } else if (!enumValues.isEmpty()) {
            ObjectNode e = s.putObject("enum");
            enumValues.forEach(e::put);
        }
        if (example != null) {
            s.put("ex", example);
        }
        if (properties != null) {
            ObjectNode p = s.putObject("props");
            properties.forEach((k, v) -> p.set(k, v.toState()));
        }
        if (additional != null) {
            s.set("additional", additional.toState());
        }
        if (items != null) {
            s.set("items", items.toState());
        }
        if (evidence != null) {
            s.set("evidence", evidence.toJson());
        }
        return s;
    }

    public static SchemaNode fromState(JsonNode s) {
        SchemaNode n = new SchemaNode(s.path("loc").asText());
        JsonNode c = s.path("n");
        n.presentIn = c.path(0).asLong();
        n.nulls = c.path(1).asLong();
        n.booleans = c.path(2).asLong();
        n.integers = c.path(3).asLong();
        n.numbers = c.path(4).asLong();
        n.strings = c.path(5).asLong();
        n.objects = c.path(6).asLong();
        n.arrays = c.path(7).asLong();
        n.formatMask = s.path("fmt").asInt(StringFormats.ALL);
        n.enumOverflow = s.path("enumOverflow").asBoolean(false);
        s.path("enum")
                .properties()
                .forEach(e -> n.enumValues.put(e.getKey(), e.getValue().asLong()));
        if (s.hasNonNull("ex")) {
            n.example = s.get("ex").asText();
        }
        if (s.has("props")) {
            n.properties = new TreeMap<>();
            s.get("props").properties().forEach(e -> n.properties.put(e.getKey(), fromState(e.getValue())));
        }
        if (s.has("additional")) {
            n.additional = fromState(s.get("additional"));
        }
        if (s.has("items")) {
            n.items = fromState(s.get("items"));
        }
        if (s.has("evidence")) {
            n.evidence = FieldEvidence.fromJson(s.get("evidence"));
        }
        return n;
    }
}
