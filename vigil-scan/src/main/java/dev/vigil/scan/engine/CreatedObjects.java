package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.surface.Operation;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Every object the scan created: a successful POST whose answer names the new object, by a
 * {@code Location} header or an {@code id} in the JSON body. The {@link Requester} records them
 * all (whatever test sent the POST), so the engine can delete them afterwards. Safe for concurrent use.
 */
final class CreatedObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One created object: who created it, with which request, and its URL when the answer said it. */
    record Created(String identity, URI postUrl, Optional<URI> location, Optional<String> id) {
        /** Candidate URLs of the object itself: the Location first, then the collection URL plus the id. */
        List<URI> candidates() {
            List<URI> out = new ArrayList<>();
            location.ifPresent(out::add);
            id.ifPresent(i -> {
                String base = postUrl.getScheme() + "://" + postUrl.getRawAuthority()
                        + postUrl.getRawPath().replaceAll("/+$", "");
                try {
                    out.add(URI.create(
                            base + "/" + java.net.URLEncoder.encode(i, java.nio.charset.StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException ignored) {
                    // an id that cannot be a path segment: only the Location can name the object
                }
            });
            return out;
        }
    }

    private final List<Created> created = new CopyOnWriteArrayList<>();

    /** Records the attempt when it is a POST that created something (201, or a 2xx naming a new id). */
    void record(Attempt attempt) {
        parse(attempt).ifPresent(created::add);
    }

    static Optional<Created> parse(Attempt attempt) {
        if (!attempt.call().method().equals("POST") || !Verdicts.effectiveSuccess(attempt.result())) {
            return Optional.empty();
        }
        Optional<URI> location = attempt.result().header("Location").flatMap(l -> {
            try {
                return Optional.of(attempt.call().url().resolve(l.strip()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        Optional<String> id = bodyId(attempt.result().body());
        if (location.isEmpty() && id.isEmpty()) {
            return Optional.empty();
        }
        // a 200 with an id may be a search or an action answer; only 201 or a Location says "created"
        if (attempt.result().status() != 201 && location.isEmpty()) {
            return Optional.empty();
        }
        URI post = attempt.call().url();
        URI bare = URI.create(post.getScheme() + "://" + post.getRawAuthority() + post.getRawPath());
        return Optional.of(new Created(attempt.identity(), bare, location, id));
    }

    /** The top-level {@code id} of a JSON object answer (or of its {@code data} wrapper). */
    static Optional<String> bodyId(String body) {
        String t = body.strip();
        if (!t.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(t);
            for (JsonNode n : List.of(root, root.path("data"))) {
                if (n.isObject() && n.hasNonNull("id") && n.get("id").isValueNode()) {
                    return Optional.of(n.get("id").asText());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    List<Created> all() {
        return List.copyOf(created);
    }

    /**
     * The operation of {@code method} whose path template matches the URL (relative to the base
     * URL's path), with the path values it binds.
     */
    static Optional<Map.Entry<Operation, Map<String, String>>> match(
            List<Operation> operations, URI baseUrl, URI url, String method) {
        if (!same(baseUrl, url)) {
            return Optional.empty();
        }
        String basePath =
                baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        String path = url.getRawPath();
        if (path == null || !path.startsWith(basePath)) {
            return Optional.empty();
        }
        String relative = path.substring(basePath.length());
        for (Operation op : operations) {
            if (!op.method().equals(method)) {
                continue;
            }
            List<String> names = op.pathParameterNames();
            Pattern p = Pattern.compile(templateRegex(op.pathTemplate()));
            var m = p.matcher(relative);
            if (m.matches()) {
                Map<String, String> values = new java.util.LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    values.put(
                            names.get(i),
                            java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
                return Optional.of(Map.entry(op, values));
            }
        }
        return Optional.empty();
    }

    static String templateRegex(String template) {
        StringBuilder out = new StringBuilder();
        var m = Pattern.compile("\\{[^/}]+}").matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            last = m.end();
        }
        out.append(Pattern.quote(template.substring(last)));
        return out + "/?";
    }

    private static boolean same(URI a, URI b) {
        return a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost() == null ? "" : b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
