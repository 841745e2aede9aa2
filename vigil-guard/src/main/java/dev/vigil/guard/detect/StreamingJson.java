package dev.vigil.guard.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Parses a JSON document fed chunk by chunk (Jackson's non-blocking parser) and reports its tokens
 * to {@link Events}, so a body can be judged as it streams without ever being held whole. Memory
 * is bounded: one string value is kept up to {@link #MAX_STRING} characters and nesting up to
 * {@link #MAX_DEPTH}; past either, {@link Events#tooLarge} is told and parsing stops ({@link
 * #parsing()} turns false), as it does when the text stops being JSON. Not thread-safe: one per
 * body, on the thread that reads it.
 */
public final class StreamingJson {
    /** Longest string value (in characters) parsed whole; longer ones end JSON-aware inspection. */
    public static final int MAX_STRING = 256 * 1024;

    static final int MAX_DEPTH = 128;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(1000)
                    .build())
            .build();

    /** What the parser found. Each method may return a detection, which stops the chunk at once. */
    public interface Events {
        /** A property name; {@code depth} 1 is the top-level object. */
        Detection field(int depth, String name);

        /** An object or array starts at {@code depth} (1 for the root value). */
        Detection start(int depth, boolean array);

        /** The object or array at {@code depth} ended. */
        void end(int depth);

        /** A scalar value at {@code depth}; {@code text} is the decoded string or the number as written. */
        Detection scalar(int depth, JsonToken token, String text);

        /** A string value or nesting grew past the limits at {@code depth}; parsing stops after this. */
        Detection tooLarge(int depth, String what);
    }

    private final Events events;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private int depth;
    private boolean parsing = true;

    public StreamingJson(Events events) {
        this.events = events;
        try {
            this.parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Whether the body is still being parsed (not ended, not broken, not past a limit). */
    public boolean parsing() {
        return parsing;
    }

    /** Feeds the next bytes; a detection as soon as one is found. The array may be reused afterwards. */
    public Detection feed(byte[] bytes, int offset, int length) {
        if (!parsing || length == 0) {
            return null;
        }
        try {
            feeder.feedInput(bytes, offset, offset + length);
        } catch (IOException e) {
            stop();
            return null;
        }
        return drain();
    }

    /** The body ended. */
    public Detection end() {
        if (!parsing) {
            return null;
        }
        feeder.endOfInput();
        Detection d = drain();
        stop();
        return d;
    }

    /** Parsing is over: the parser's buffers go back to Jackson's pool. */
    private void stop() {
        parsing = false;
        try {
            parser.close();
        } catch (IOException e) {
            // Closing a byte-array parser releases buffers only; nothing to report.
        }
    }

    private Detection drain() {
        try {
            JsonToken t;
            while ((t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
                Detection d = token(t);
                if (d != null) {
                    stop();
                    return d;
                }
            }
            if (t == null) {
                stop();
            }
            return null;
        } catch (StreamConstraintsException tooLarge) {
            stop();
            return events.tooLarge(depth + 1, tooLarge.getMessage().contains("depth") ? "nesting" : "value");
        } catch (IOException notJson) {
            // Not JSON (or broken JSON): nothing more to judge; injection scanning does not depend on it.
            stop();
            return null;
        }
    }

    private Detection token(JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> events.start(++depth, false);
            case START_ARRAY -> events.start(++depth, true);
            case END_OBJECT, END_ARRAY -> {
                events.end(depth--);
                yield null;
            }
            case FIELD_NAME -> events.field(depth, parser.currentName());
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> events.scalar(depth + 1, t, parser.getText());
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> events.scalar(depth + 1, t, "");
            default -> null;
        };
    }
}
