package dev.vigil.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a HAR 1.2 document (browser, Burp, ZAP and mitmproxy exports) as a stream: the parser walks
 * to {@code log.entries} and materialises one entry at a time, so memory is bounded by the largest
 * entry, not the file.
 *
 * <p>Each entry that cannot be mapped is quarantined with its zero-based index as position and the
 * rest still flows. A JSON syntax error ends the read: it is quarantined with the byte offset as
 * position (line and column in the reason) and counted. Bodies longer than {@code maxBodyChars}
 * are truncated as {@link Bodies} describes. Strings longer than {@link #MAX_STRING_CHARS} inside a
 * document are refused by the parser and end the read the same way.
 */
public final class HarReader {
    /** Largest single JSON string (a body, usually) the parser accepts. */
    public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

    private final int maxBodyChars;
    private final ObjectMapper mapper;

    public HarReader(int maxBodyChars) {
        if (maxBodyChars < 0) {
            throw new IllegalArgumentException("maxBodyChars must not be negative");
        }
        this.maxBodyChars = maxBodyChars;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_STRING_CHARS)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public ReadSummary read(InputStream in, String sourceName, ExchangeSink sink) throws IOException {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(sink, "sink");
        Counter counter = new Counter(sink);
        long index = 0;
        try (JsonParser parser = mapper.createParser(in)) {
            try {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    counter.quarantine(new Quarantined(sourceName, 0, "not a HAR document: no top-level object", ""));
                    return counter.summary();
                }
                if (!toEntries(parser)) {
                    counter.quarantine(new Quarantined(sourceName, 0, "not a HAR document: no log.entries array", ""));
                    return counter.summary();
                }
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new UnexpectedEnd();
                    }
                    JsonNode read = mapper.readTree(parser);
                    JsonNode entry = read == null ? NullNode.getInstance() : read;
                    try {
                        counter.accept(Bodies.truncate(HarEntryMapper.map(entry, sourceName), maxBodyChars));
                    } catch (InvalidExchangeException e) {
                        counter.quarantine(new Quarantined(sourceName, index, e.getMessage(), Excerpts.of(entry)));
                    }
                    index++;
                }
            } catch (JsonProcessingException e) {
                counter.quarantine(syntaxError(sourceName, index, e.getLocation(), e.getOriginalMessage()));
            } catch (UnexpectedEnd e) {
                counter.quarantine(syntaxError(sourceName, index, parser.currentLocation(), "unexpected end of input"));
            }
        }
        return counter.summary();
    }

    /** Moves the parser onto the START_ARRAY of log.entries; false when the document has none. */
    private static boolean toEntries(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("log") && value == JsonToken.START_OBJECT) {
                JsonToken inner;
                while ((inner = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken fieldValue = parser.nextToken();
                    if (field.equals("entries") && fieldValue == JsonToken.START_ARRAY) {
                        return true;
                    }
                    parser.skipChildren();
                }
                if (inner == null) {
                    throw new UnexpectedEnd();
                }
                return false;
            }
            parser.skipChildren();
        }
        if (token == null) {
            throw new UnexpectedEnd();
        }
        return false;
    }

    private static Quarantined syntaxError(String source, long entryIndex, JsonLocation at, String message) {
        long offset = at == null ? -1 : Math.max(at.getByteOffset(), at.getCharOffset());
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Quarantined(
                source,
                Math.max(offset, 0),
                "malformed JSON" + where + " (byte " + offset + ", in entry " + entryIndex + "): "
                        + ParseMessages.withoutValues(message) + "; reading stopped",
                "");
    }

    /** Signals input that ends inside the document. */
    private static final class UnexpectedEnd extends IOException {
        UnexpectedEnd() {
            super("unexpected end of input");
        }
    }
}
