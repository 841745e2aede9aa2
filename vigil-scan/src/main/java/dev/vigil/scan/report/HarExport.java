package dev.vigil.scan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finding's evidence as a HAR 1.2 document, one file per finding ({@code har/<fingerprint>.har}
 * next to the reports), so the exchanges that prove it open in browser dev tools, Burp or any HAR
 * viewer. Built only from {@link Evidence}, which is already redacted: the same secret variables,
 * {@code [REDACTED]} credentials and truncated bodies as the other reports.
 *
 * <p>Vigil keeps the duration of each exchange but not when it was sent, so every entry's
 * {@code startedDateTime} is the scan's start and the entries are in send order. Output is
 * byte-stable for the same evidence and start.
 */
public final class HarExport {
    /** The directory, relative to the reports, that holds the HAR files. */
    public static final String DIRECTORY = "har";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String HTTP_VERSION = "HTTP/1.1";

    private HarExport() {}

    /** Where a finding's HAR is written, relative to the report directory; empty without evidence. */
    public static String path(ReportedFinding finding) {
        return finding.evidence().isEmpty() ? "" : DIRECTORY + "/" + finding.fingerprint() + ".har";
    }

    /** Every finding with evidence: relative path → HAR document, sorted by path. */
    public static Map<String, String> files(Report report, Instant scanStarted) {
        Map<String, String> out = new TreeMap<>();
        for (ReportedFinding f : report.findings()) {
            if (!f.evidence().isEmpty()) {
                out.put(path(f), render(f, scanStarted));
            }
        }
        return out;
    }

    /** One finding's evidence as a HAR 1.2 document. */
    public static String render(ReportedFinding finding, Instant scanStarted) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", Report.TOOL).put("version", Report.VERSION);
        log.put(
                "comment",
                finding.finding().testId() + " " + finding.finding().operation() + " (finding " + finding.fingerprint()
                        + ")");
        String started = DateTimeFormatter.ISO_INSTANT.format(scanStarted.truncatedTo(ChronoUnit.MILLIS));
        ArrayNode entries = log.putArray("entries");
        for (Evidence e : finding.evidence()) {
            entries.add(entry(e, started));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree always serializes", e);
        }
    }

    private static ObjectNode entry(Evidence e, String started) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("startedDateTime", started);
        entry.put("time", e.millis());
        ObjectNode req = entry.putObject("request");
        req.put("method", e.method()).put("url", e.url()).put("httpVersion", HTTP_VERSION);
        cookies(req.putArray("cookies"), e.requestHeaders(), "cookie");
        headers(req.putArray("headers"), e.requestHeaders());
        queryString(req.putArray("queryString"), e.url());
        if (!e.requestBody().isEmpty()) {
            ObjectNode post = req.putObject("postData");
            post.put("mimeType", header(e.requestHeaders(), "content-type"));
            post.putArray("params");
            post.put("text", e.requestBody());
        }
        req.put("headersSize", -1);
        req.put("bodySize", bytes(e.requestBody()));
        ObjectNode res = entry.putObject("response");
        res.put("status", e.status()).put("statusText", "").put("httpVersion", HTTP_VERSION);
        cookies(res.putArray("cookies"), e.responseHeaders(), "set-cookie");
        headers(res.putArray("headers"), e.responseHeaders());
        res.putObject("content")
                .put("size", bytes(e.responseBody()))
                .put("mimeType", header(e.responseHeaders(), "content-type"))
                .put("text", e.responseBody());
        res.put("redirectURL", header(e.responseHeaders(), "location"));
        res.put("headersSize", -1);
        // the body in the report may be truncated, so the size on the wire is unknown
        res.put("bodySize", -1);
        entry.putObject("cache");
        entry.putObject("timings").put("send", 0).put("wait", e.millis()).put("receive", 0);
        entry.put("comment", e.identity().isEmpty() ? "" : "sent as " + e.identity());
        return entry;
    }

    private static void headers(ArrayNode out, List<Header> headers) {
        headers.forEach(h -> out.addObject().put("name", h.name()).put("value", h.value()));
    }

    /** Cookies from (already redacted) Cookie or Set-Cookie headers: name and value, attributes dropped. */
    private static void cookies(ArrayNode out, List<Header> headers, String headerName) {
        for (Header h : headers) {
            if (!h.named(headerName)) {
                continue;
            }
            String[] pairs = headerName.equals("cookie")
                    ? h.value().split(";")
                    : new String[] {h.value().split(";", 2)[0]};
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.addObject()
                            .put("name", pair.substring(0, eq).trim())
                            .put("value", pair.substring(eq + 1).trim());
                }
            }
        }
    }

    private static void queryString(ArrayNode out, String url) {
        String query;
        try {
            query = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            // a redacted URL may no longer parse (a variable inside it); fall back to the text after '?'
            int q = url.indexOf('?');
            query = q < 0 ? null : url.substring(q + 1);
        }
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.addObject()
                    .put("name", decode(eq < 0 ? pair : pair.substring(0, eq)))
                    .put("value", eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    private static String header(List<Header> headers, String name) {
        return headers.stream()
                .filter(h -> h.named(name))
                .map(Header::value)
                .findFirst()
                .orElse("");
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
