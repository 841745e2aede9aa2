package dev.vigil.discovery.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.vigil.classify.Classifier;
import dev.vigil.classify.Redactor;
import dev.vigil.traffic.Bodies;
import java.io.IOException;
import java.util.Map;

/**
 * Folds message bodies and parameter values into {@link SchemaNode}s: a streaming walk of JSON (no
 * tree is built), form bodies as objects of strings, and sensitive-data classification of scalars.
 *
 * <p>Classification is the costly part, so each position classifies its first {@value #ALWAYS_CLASSIFY}
 * samples and then one in {@value #SAMPLE_EVERY}: evidence is a ratio over samples, which sampling
 * estimates without bias, and a field that is sensitive is sensitive from its first samples on.
 * Examples are redacted before they are kept.
 */
public final class BodyAnalyzer {
    static final int ALWAYS_CLASSIFY = 32;
    static final int SAMPLE_EVERY = 16;
    private static final int MAX_DEPTH = 64;

    private final JsonFactory json;
    private final Classifier classifier;
    private final Redactor redactor;

    public BodyAnalyzer(Classifier classifier, Redactor redactor) {
        this.classifier = classifier;
        this.redactor = redactor;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH * 4)
                        .build())
                .build();
    }

    /**
     * Absorbs a JSON body into {@code root}. Returns false when the body is not valid JSON; what was
     * read before the error still counts as evidence (a damaged document is rare, and parsing twice
     * to avoid that would halve throughput). Truncated bodies are not parsed at all.
     */
    public boolean absorbJson(String body, SchemaNode root) {
        if (Bodies.isTruncated(body)) {
            return false;
        }
        try (JsonParser p = json.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return false;
            }
            root.presentIn++;
            value(p, t, root, "", 0);
            return p.nextToken() == null;
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
    }

    /** Absorbs an {@code application/x-www-form-urlencoded} body as an object of strings. */
    public void absorbForm(Iterable<Map.Entry<String, String>> fields, SchemaNode root) {
        root.objects++;
        root.presentIn++;
        for (Map.Entry<String, String> field : fields) {
            SchemaNode child = root.property(field.getKey());
            child.presentIn++;
            scalarString(child, field.getKey(), field.getValue());
        }
    }

    /** Absorbs one parameter value (query, header, cookie, path); numbers are recognised as such. */
    public void absorbParameter(SchemaNode node, String name, String value, boolean newPresence) {
        if (newPresence) {
            node.presentIn++;
        }
        if (looksInteger(value)) {
            node.integers++;
            classifyMaybe(node, name, value, node.integers);
            if (node.needsExample()) {
                node.example(redactor.redactValue(name, value));
            }
        } else {
            scalarString(node, name, value);
        }
    }

    private void value(JsonParser p, JsonToken t, SchemaNode node, String key, int depth) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                node.objects++;
                if (depth >= MAX_DEPTH) {
                    p.skipChildren();
                    return;
                }
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    SchemaNode child = node.property(name);
                    child.presentIn++;
                    value(p, p.nextToken(), child, name, depth + 1);
                }
            }
            case START_ARRAY -> {
                node.arrays++;
                if (depth >= MAX_DEPTH) {
                    p.skipChildren();
                    return;
                }
                SchemaNode items = node.items();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    items.presentIn++;
                    value(p, e, items, key, depth + 1);
                }
            }
            case VALUE_STRING -> scalarString(node, key, p.getText());
            case VALUE_NUMBER_INT -> {
                node.integers++;
                String text = p.getText();
                // Short integers (counts, amounts, small ids) cannot carry a card, phone or national id.
                if (text.length() >= 7) {
                    classifyMaybe(node, key, text, node.integers);
                }
                if (node.needsExample()) {
                    node.example(text.length() >= 7 ? redactor.redactValue(key, text) : text);
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                node.numbers++;
                if (node.needsExample()) {
                    node.example(p.getText());
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> node.booleans++;
            case VALUE_NULL -> node.nulls++;
            default -> throw new IOException("unexpected token " + t);
        }
    }

    private void scalarString(SchemaNode node, String key, String value) {
        node.string(value);
        classifyMaybe(node, key, value, node.strings);
        if (node.needsExample()) {
            node.example(redactor.redactValue(key, value));
        }
    }

    private void classifyMaybe(SchemaNode node, String key, String value, long nth) {
        if (nth <= ALWAYS_CLASSIFY || nth % SAMPLE_EVERY == 0) {
            node.evidence().record(classifier.classify(key, value));
        }
    }

    static boolean looksInteger(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n || (s.charAt(i) == '0' && n > i + 1)) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
