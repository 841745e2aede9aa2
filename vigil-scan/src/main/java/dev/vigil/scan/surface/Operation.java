package dev.vigil.scan.surface;

import dev.vigil.discovery.ParameterLocation;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation the scanner can call: method, templated path ({@code /accounts/{id}}), its
 * parameters with samples, an optional JSON body sample, and whether the source says it needs
 * credentials ({@code secured}).
 */
public record Operation(
        String method,
        String pathTemplate,
        List<OperationParameter> parameters,
        String sampleBody,
        boolean secured,
        String source) {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public Operation {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        parameters = List.copyOf(parameters);
        sampleBody = sampleBody == null ? "" : sampleBody;
        source = source == null ? "" : source;
    }

    /** "GET /accounts/{id}": the operation's stable display key. */
    public String key() {
        return method + " " + pathTemplate;
    }

    public boolean safeMethod() {
        return SAFE.contains(method);
    }

    public List<String> pathParameterNames() {
        List<String> out = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(pathTemplate);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    public boolean hasPathParameters() {
        return pathTemplate.contains("{");
    }

    public List<OperationParameter> parameters(ParameterLocation in) {
        return parameters.stream().filter(p -> p.in() == in).toList();
    }

    /** The sample for a path parameter, or "1" when the source gave nothing better. */
    public String sample(String name) {
        return parameters.stream()
                .filter(p -> p.name().equals(name) && !p.sample().isEmpty())
                .map(OperationParameter::sample)
                .findFirst()
                .orElse("1");
    }

    /**
     * A request for this operation: path parameters from {@code pathValues} (else samples), required
     * query parameters from {@code queryValues} (else samples), JSON body sample when present.
     */
    public HttpCall call(URI baseUrl, Map<String, String> pathValues, Map<String, String> queryValues) {
        StringBuilder path = new StringBuilder();
        Matcher m = PATH_PARAM.matcher(pathTemplate);
        while (m.find()) {
            String v = pathValues.getOrDefault(m.group(1), sample(m.group(1)));
            m.appendReplacement(path, Matcher.quoteReplacement(encodeSegment(v)));
        }
        m.appendTail(path);
        List<String> query = new ArrayList<>();
        List<OperationParameter> documented = parameters(ParameterLocation.QUERY);
        for (OperationParameter p : documented) {
            String v = queryValues.get(p.name());
            if (v == null && p.required()) {
                v = p.sample().isEmpty() ? "1" : p.sample();
            }
            if (v != null) {
                query.add(enc(p.name()) + "=" + enc(v));
            }
        }
        queryValues.forEach((k, v) -> {
            if (documented.stream().noneMatch(p -> p.name().equals(k))) {
                query.add(enc(k) + "=" + enc(v));
            }
        });
        // every request builds a URL: trim trailing slashes without compiling a regex each time
        String base = baseUrl.toString();
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        base = base.substring(0, end);
        URI url = URI.create(base + path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Accept", "application/json"));
        String body = "";
        if (!sampleBody.isEmpty() && !safeMethod()) {
            headers.add(new Header("Content-Type", "application/json"));
            body = sampleBody;
        }
        return new HttpCall(method, url, headers, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encodeSegment(String s) {
        // keep characters that injection and traversal payloads rely on, encode what would break the URL
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@%".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return key();
    }
}
