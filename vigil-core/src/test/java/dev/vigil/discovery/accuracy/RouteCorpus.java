package dev.vigil.discovery.accuracy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A route list shaped like a real public API: each route a method, a template whose parameters name the
 * kind of value the generator produces ({@code /repos/{owner:login}}), and a relative request weight.
 */
record RouteCorpus(String name, String host, List<Route> routes) {

    /** One operation; {@code template} is the ground truth with kinds removed. */
    record Route(String method, String template, List<String> segments, double weight) {
        /** {@code kind} of a parameter segment {@code {name:kind}}, else null. */
        static String kindOf(String segment) {
            int colon = segment.indexOf(':');
            return segment.startsWith("{") && colon > 0 ? segment.substring(colon + 1, segment.length() - 1) : null;
        }
    }

    RouteCorpus {
        routes = List.copyOf(routes);
    }

    static RouteCorpus load(String name) {
        String resource = "/dev/vigil/discovery/accuracy/" + name + ".routes";
        try (InputStream in = RouteCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus " + resource);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RouteCorpus parse(String name, String text) {
        String host = null;
        List<Route> routes = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts[0].equals("host")) {
                host = parts[1];
                continue;
            }
            List<String> segments = new ArrayList<>();
            StringBuilder template = new StringBuilder();
            for (String segment : parts[1].substring(1).split("/")) {
                segments.add(segment);
                String kind = Route.kindOf(segment);
                template.append('/').append(kind == null ? segment : segment.substring(0, segment.indexOf(':')) + "}");
            }
            routes.add(new Route(parts[0], template.toString(), segments, Double.parseDouble(parts[2])));
        }
        if (host == null) {
            throw new IllegalArgumentException("corpus " + name + " names no host");
        }
        return new RouteCorpus(name, host, routes);
    }
}
