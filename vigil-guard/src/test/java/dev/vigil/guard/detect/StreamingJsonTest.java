package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingJsonTest {
    /** Records every event as text; never detects. */
    static final class Recorder implements StreamingJson.Events {
        final List<String> events = new ArrayList<>();

        @Override
        public Detection field(int depth, String name) {
            events.add("field " + depth + " " + name);
            return null;
        }

        @Override
        public Detection start(int depth, boolean array) {
            events.add((array ? "array " : "object ") + depth);
            return null;
        }

        @Override
        public void end(int depth) {
            events.add("end " + depth);
        }

        @Override
        public Detection scalar(int depth, JsonToken token, String text) {
            events.add("scalar " + depth + " " + (text.length() > 20 ? text.length() + " chars" : text));
            return null;
        }

        @Override
        public Detection tooLarge(int depth, String what) {
            events.add("too large " + depth + " " + what);
            return null;
        }
    }

    static List<String> parse(String json, int chunk) {
        Recorder r = new Recorder();
        StreamingJson p = new StreamingJson(r);
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < b.length && p.parsing(); at += chunk) {
            p.feed(b, at, Math.min(chunk, b.length - at));
        }
        p.end();
        return r.events;
    }

    @Test
    void reportsTheSameTokensWhateverTheChunkSize() {
        String json = "{\"a\":[1,\"x\\u0041\",{\"b\":true}],\"c\":null}";
        List<String> whole = parse(json, json.length());
        assertThat(whole)
                .containsExactly(
                        "object 1",
                        "field 1 a",
                        "array 2",
                        "scalar 3 1",
                        "scalar 3 xA",
                        "object 3",
                        "field 3 b",
                        "scalar 4 ",
                        "end 3",
                        "end 2",
                        "field 1 c",
                        "scalar 2 ",
                        "end 1");
        assertThat(parse(json, 1)).isEqualTo(whole);
        assertThat(parse(json, 5)).isEqualTo(whole);
    }

    @Test
    void stopsAtAStringLongerThanItKeepsOrNestingDeeperThanItFollows() {
        String longString = "{\"big\":\"" + "x".repeat(StreamingJson.MAX_STRING + 10) + "\",\"after\":1}";
        assertThat(parse(longString, 8192)).endsWith("too large 2 value").doesNotContain("field 1 after");
        String deep = "[".repeat(StreamingJson.MAX_DEPTH + 5) + "]".repeat(StreamingJson.MAX_DEPTH + 5);
        assertThat(parse(deep, 64)).last().asString().startsWith("too large").endsWith("nesting");
        String fine = "{\"big\":\"" + "x".repeat(100_000) + "\"}";
        assertThat(parse(fine, 8192)).contains("scalar 2 100000 chars").noneMatch(e -> e.startsWith("too large"));
    }

    @Test
    void stopsQuietlyWhenTheBodyIsNotJson() {
        assertThat(parse("name=alice&x=1", 4)).isEmpty();
    }
}
