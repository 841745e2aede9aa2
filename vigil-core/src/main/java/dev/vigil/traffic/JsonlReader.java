package dev.vigil.traffic;

import static dev.vigil.traffic.ExchangeFields.durationMicros;
import static dev.vigil.traffic.ExchangeFields.headers;
import static dev.vigil.traffic.ExchangeFields.instant;
import static dev.vigil.traffic.ExchangeFields.method;
import static dev.vigil.traffic.ExchangeFields.object;
import static dev.vigil.traffic.ExchangeFields.optionalText;
import static dev.vigil.traffic.ExchangeFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads JSON Lines in the Vigil exchange schema ({@code docs/exchange.schema.json}): one object per
 * line, blank lines skipped. Each line that is not valid JSON or not a valid exchange is quarantined
 * with its one-based line number and reading goes on. Lines longer than {@link #MAX_LINE_CHARS} are
 * quarantined without being held in memory. Bodies are truncated as {@link Bodies} describes.
 */
public final class JsonlReader {
    public static final int MAX_LINE_CHARS = 64 * 1024 * 1024;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxBodyChars;

    public JsonlReader(int maxBodyChars) {
        if (maxBodyChars < 0) {
            throw new IllegalArgumentException("maxBodyChars must not be negative");
        }
        this.maxBodyChars = maxBodyChars;
    }

    public ReadSummary read(InputStream in, String sourceName, ExchangeSink sink) throws IOException {
        Objects.requireNonNull(sourceName, "sourceName");
        Counter counter = new Counter(Objects.requireNonNull(sink, "sink"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        BoundedLines lines = new BoundedLines(reader, MAX_LINE_CHARS);
        long lineNumber = 0;
        for (BoundedLines.Line line; (line = lines.next()) != null; ) {
            lineNumber++;
            if (line.tooLong()) {
                counter.quarantine(new Quarantined(
                        sourceName, lineNumber, "line longer than " + MAX_LINE_CHARS + " characters", ""));
                continue;
            }
            String text = line.text();
            if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                counter.quarantine(new Quarantined(
                        sourceName,
                        lineNumber,
                        "malformed JSON: " + ParseMessages.withoutValues(e.getOriginalMessage()),
                        Excerpts.of(text)));
                continue;
            }
            try {
                Exchange exchange = parse(node);
                if (exchange.source().isEmpty()) {
                    exchange = withSource(exchange, sourceName);
                }
                counter.accept(Bodies.truncate(exchange, maxBodyChars));
            } catch (InvalidExchangeException e) {
                counter.quarantine(new Quarantined(sourceName, lineNumber, e.getMessage(), Excerpts.of(node)));
            }
        }
        return counter.summary();
    }

    /**
     * Maps one exchange object of the documented schema. Used for files and for the HTTP ingest
     * endpoint, so every rule of the schema is checked here. Bodies are not truncated.
     */
    public static Exchange parse(JsonNode line) throws InvalidExchangeException {
        if (line == null || !line.isObject()) {
            throw new InvalidExchangeException("exchange is not a JSON object");
        }
        var startedAt = instant(line, "startedAt", "startedAt");
        long micros = durationMicros(line, "durationMs", "durationMs");
        String source = optionalText(line, "source", "source");
        String client = optionalText(line, "clientAddress", "clientAddress");
        JsonNode request = object(line, "request", "request");
        String method = method(request, "request.method");
        UrlParts url = UrlParts.parse(text(request, "url", "request.url"), "", "");
        List<Header> requestHeaders = headers(request, "headers", "request.headers", true);
        String requestBody = body(request, requestHeaders, "request");
        Optional<Exchange.Response> response = Optional.empty();
        JsonNode res = line.get("response");
        if (res != null && !res.isNull()) {
            if (!res.isObject()) {
                throw new InvalidExchangeException("response is not an object");
            }
            JsonNode statusNode = res.get("status");
            if (statusNode == null || statusNode.isNull()) {
                throw new InvalidExchangeException("response.status is missing");
            }
            int status = ExchangeFields.status(res, "response.status");
            if (status != 0) {
                List<Header> responseHeaders = headers(res, "headers", "response.headers", true);
                response = Optional.of(
                        new Exchange.Response(status, responseHeaders, body(res, responseHeaders, "response")));
            }
        }
        return new Exchange(
                startedAt,
                micros,
                new Exchange.Request(
                        method,
                        url.scheme(),
                        url.host(),
                        url.port(),
                        url.path(),
                        url.query(),
                        requestHeaders,
                        requestBody),
                response,
                source,
                client);
    }

    private static String body(JsonNode side, List<Header> headers, String where) {
        String body = optionalText(side, "body", where + ".body");
        String encoding = optionalText(side, "bodyEncoding", where + ".bodyEncoding");
        if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("base64") && !encoding.equalsIgnoreCase("utf-8")) {
            throw new InvalidExchangeException(where + ".bodyEncoding is not base64 or utf-8");
        }
        if (encoding.equalsIgnoreCase("utf-8") || body.isEmpty()) {
            return body;
        }
        return Bodies.decode(
                body, encoding, Exchange.Headers.first(headers, "content-type").orElse(""), where + ".body");
    }

    private static Exchange withSource(Exchange e, String source) {
        return new Exchange(e.startedAt(), e.durationMicros(), e.request(), e.response(), source, e.clientAddress());
    }
}
