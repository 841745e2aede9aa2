package dev.vigil.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

/** Writes a HAR 1.2 file of a given size from {@link TrafficCorpus} exchanges, streaming, for heap benchmarks. */
public final class HarCorpus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HarCorpus() {}

    /** Writes entries until at least {@code bytes} have been written; returns the entry count. */
    public static long write(long bytes, long seed, OutputStream out) throws IOException {
        TrafficCorpus corpus = new TrafficCorpus(seed);
        CountingStream counting = new CountingStream(out);
        long entries = 0;
        try (JsonGenerator g = new JsonFactory().createGenerator(counting)) {
            g.writeStartObject();
            g.writeObjectFieldStart("log");
            g.writeStringField("version", "1.2");
            g.writeObjectFieldStart("creator");
            g.writeStringField("name", "vigil-bench");
            g.writeStringField("version", "1");
            g.writeEndObject();
            g.writeArrayFieldStart("entries");
            while (counting.count < bytes) {
                entry(g, MAPPER.readTree(corpus.next()));
                entries++;
                if (entries % 1000 == 0) {
                    g.flush();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return entries;
    }

    private static void entry(JsonGenerator g, JsonNode e) throws IOException {
        JsonNode req = e.get("request");
        JsonNode res = e.get("response");
        g.writeStartObject();
        g.writeStringField("startedDateTime", e.get("startedAt").asText());
        g.writeNumberField("time", e.get("durationMs").asDouble());
        g.writeObjectFieldStart("request");
        g.writeStringField("method", req.get("method").asText());
        String url = req.get("url").asText();
        g.writeStringField("url", url);
        g.writeStringField("httpVersion", "HTTP/1.1");
        headers(g, req.get("headers"));
        g.writeArrayFieldStart("queryString");
        String query = URI.create(url).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                g.writeStartObject();
                g.writeStringField("name", eq < 0 ? pair : pair.substring(0, eq));
                g.writeStringField("value", eq < 0 ? "" : pair.substring(eq + 1));
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cookies");
        g.writeEndArray();
        g.writeNumberField("headersSize", -1);
        String body = req.get("body").asText();
        g.writeNumberField("bodySize", body.length());
        if (!body.isEmpty()) {
            g.writeObjectFieldStart("postData");
            g.writeStringField("mimeType", "application/json");
            g.writeStringField("text", body);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("response");
        g.writeNumberField("status", res.get("status").asInt());
        g.writeStringField("statusText", "");
        g.writeStringField("httpVersion", "HTTP/1.1");
        headers(g, res.get("headers"));
        g.writeArrayFieldStart("cookies");
        g.writeEndArray();
        g.writeObjectFieldStart("content");
        String text = res.get("body").asText();
        g.writeNumberField("size", text.length());
        g.writeStringField("mimeType", "application/json; charset=utf-8");
        g.writeStringField("text", text);
        g.writeEndObject();
        g.writeStringField("redirectURL", "");
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", text.length());
        g.writeEndObject();
        g.writeObjectFieldStart("cache");
        g.writeEndObject();
        g.writeObjectFieldStart("timings");
        g.writeNumberField("send", 0);
        g.writeNumberField("wait", e.get("durationMs").asDouble());
        g.writeNumberField("receive", 0);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void headers(JsonGenerator g, JsonNode headers) throws IOException {
        g.writeArrayFieldStart("headers");
        for (JsonNode h : headers) {
            g.writeStartObject();
            g.writeStringField("name", h.get("name").asText());
            g.writeStringField("value", h.get("value").asText());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
