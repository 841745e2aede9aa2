package dev.vigil.traffic;

import static dev.vigil.traffic.ExchangeFields.durationMicros;
import static dev.vigil.traffic.ExchangeFields.headers;
import static dev.vigil.traffic.ExchangeFields.instant;
import static dev.vigil.traffic.ExchangeFields.method;
import static dev.vigil.traffic.ExchangeFields.object;
import static dev.vigil.traffic.ExchangeFields.optionalText;
import static dev.vigil.traffic.ExchangeFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Maps one HAR 1.2 entry to an {@link Exchange}. Tolerates the vendor extensions of Chrome, Firefox,
 * Burp, ZAP and mitmproxy (underscore fields, comments) by ignoring what it does not need.
 */
final class HarEntryMapper {
    /** Vendor fields some tools use for the client side of the connection. */
    private static final List<String> CLIENT_ADDRESS_FIELDS = List.of("_clientAddress", "_clientIPAddress");

    private HarEntryMapper() {}

    static Exchange map(JsonNode entry, String source) {
        if (!entry.isObject()) {
            throw new InvalidExchangeException("entry is not an object");
        }
        Instant startedAt = instant(entry, "startedDateTime", "startedDateTime");
        long micros = durationMicros(entry, "time", "time");
        JsonNode request = object(entry, "request", "request");
        String method = method(request, "request.method");
        List<Header> all = headers(request, "headers", "request.headers", false);
        String pseudoScheme = "";
        String pseudoAuthority = "";
        List<Header> headers = new ArrayList<>(all.size() + 1);
        for (Header h : all) {
            if (h.name().startsWith(":")) {
                // HTTP/2 and HTTP/3 pseudo-headers are not headers; keep what names the target.
                if (h.named(":authority")) {
                    pseudoAuthority = h.value();
                } else if (h.named(":scheme")) {
                    pseudoScheme = h.value();
                }
            } else {
                headers.add(h);
            }
        }
        String authority = pseudoAuthority.isEmpty()
                ? Exchange.Headers.first(headers, "host").orElse(serverAddress(entry))
                : pseudoAuthority;
        UrlParts url = UrlParts.parse(text(request, "url", "request.url"), pseudoScheme, authority);
        addCookieHeaderIfMissing(request, headers);
        String body = requestBody(request);
        Optional<Exchange.Response> response = response(entry.get("response"));
        return new Exchange(
                startedAt,
                micros,
                new Exchange.Request(
                        method, url.scheme(), url.host(), url.port(), url.path(), url.query(), headers, body),
                response,
                source,
                clientAddress(entry));
    }

    private static String requestBody(JsonNode request) {
        JsonNode postData = request.get("postData");
        if (postData == null || postData.isNull()) {
            return "";
        }
        if (!postData.isObject()) {
            throw new InvalidExchangeException("request.postData is not an object");
        }
        String text = optionalText(postData, "text", "request.postData.text");
        String mimeType = optionalText(postData, "mimeType", "request.postData.mimeType");
        if (!text.isEmpty()) {
            String encoding = optionalText(postData, "encoding", "request.postData.encoding");
            return Bodies.decode(text, encoding, mimeType, "request.postData.text");
        }
        JsonNode params = postData.get("params");
        if (params == null || params.isNull()) {
            return "";
        }
        if (!params.isArray()) {
            throw new InvalidExchangeException("request.postData.params is not an array");
        }
        // Without text, the params are the body; rebuild it in the form encoding.
        StringJoiner form = new StringJoiner("&");
        for (JsonNode p : params) {
            if (!p.isObject()) {
                throw new InvalidExchangeException("request.postData.params has an entry that is not an object");
            }
            String name = text(p, "name", "request.postData.params name");
            String value = optionalText(p, "value", "request.postData.params value");
            form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private static Optional<Exchange.Response> response(JsonNode response) {
        if (response == null || response.isNull()) {
            return Optional.empty();
        }
        if (!response.isObject()) {
            throw new InvalidExchangeException("response is not an object");
        }
        int status = ExchangeFields.status(response, "response.status");
        if (status == 0) {
            return Optional.empty();
        }
        List<Header> headers = new ArrayList<>();
        for (Header h : headers(response, "headers", "response.headers", false)) {
            if (!h.name().startsWith(":")) {
                headers.add(h);
            }
        }
        String body = "";
        JsonNode content = response.get("content");
        if (content != null && !content.isNull()) {
            if (!content.isObject()) {
                throw new InvalidExchangeException("response.content is not an object");
            }
            String text = optionalText(content, "text", "response.content.text");
            if (!text.isEmpty()) {
                String contentType = Exchange.Headers.first(headers, "content-type")
                        .orElse(optionalText(content, "mimeType", "response.content.mimeType"));
                String encoding = optionalText(content, "encoding", "response.content.encoding");
                body = Bodies.decode(text, encoding, contentType, "response.content.text");
            }
        }
        return Optional.of(new Exchange.Response(status, headers, body));
    }

    /** Firefox and some proxies list cookies only in the cookies array; keep them visible as a header. */
    private static void addCookieHeaderIfMissing(JsonNode request, List<Header> headers) {
        JsonNode cookies = request.get("cookies");
        if (cookies == null || !cookies.isArray() || cookies.isEmpty()) {
            return;
        }
        if (Exchange.Headers.first(headers, "cookie").isPresent()) {
            return;
        }
        StringJoiner value = new StringJoiner("; ");
        for (JsonNode c : cookies) {
            if (c.isObject() && c.path("name").isTextual()) {
                value.add(c.get("name").textValue() + "=" + c.path("value").asText(""));
            }
        }
        if (value.length() > 0) {
            headers.add(new Header("Cookie", value.toString()));
        }
    }

    /** serverIPAddress (HAR) or Chrome's _remoteAddress: the server side, only a last-resort authority. */
    private static String serverAddress(JsonNode entry) {
        for (String field : List.of("serverIPAddress", "_remoteAddress")) {
            JsonNode node = entry.get(field);
            if (node != null && node.isTextual() && !node.textValue().isEmpty()) {
                String address = node.textValue();
                // Chrome writes "[2001:db8::1]:443" or "203.0.113.7:443"; bare IPv6 needs brackets.
                return address.indexOf(':') != address.lastIndexOf(':') && !address.startsWith("[")
                        ? "[" + address + "]"
                        : address;
            }
        }
        return "";
    }

    private static String clientAddress(JsonNode entry) {
        for (String field : CLIENT_ADDRESS_FIELDS) {
            JsonNode node = entry.get(field);
            if (node != null && node.isTextual()) {
                return node.textValue();
            }
        }
        return "";
    }
}
