package dev.vigil.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template split into segments, for matching observed templates against documented ones.
 * A documented {@code {param}} segment matches any observed segment (literal or template); a
 * documented literal only the same literal; a documented mixed segment such as {@code {id}.json}
 * matches a literal of that shape or any observed template. Trailing and doubled slashes are
 * ignored.
 */
record RoutePattern(List<String> segments) {
    private static final Pattern PARAM = Pattern.compile("\\{[^/{}]*}");

    RoutePattern {
        segments = List.copyOf(segments);
    }

    static RoutePattern of(String path) {
        List<String> segments = new ArrayList<>();
        int query = path.indexOf('?');
        String plain = query >= 0 ? path.substring(0, query) : path;
        for (String segment : plain.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return new RoutePattern(segments);
    }

    static boolean isParameter(String segment) {
        return PARAM.matcher(segment).matches();
    }

    static boolean hasParameter(String segment) {
        return PARAM.matcher(segment).find();
    }

    /**
     * How specifically this documented pattern matches the observed one, or empty when it does not:
     * one score per segment, 2 for a literal, 1 for a mixed segment, 0 for a parameter. Compared
     * left to right ({@link #compareSpecificity}), so {@code /users/me} beats {@code /users/{id}}.
     */
    Optional<int[]> match(RoutePattern observed) {
        if (observed.segments.size() != segments.size()) {
            return Optional.empty();
        }
        int[] scores = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            String documented = segments.get(i);
            String seen = observed.segments.get(i);
            if (isParameter(documented)) {
                scores[i] = 0;
            } else if (hasParameter(documented)) {
                if (!hasParameter(seen) && !mixedRegex(documented).matcher(seen).matches()) {
                    return Optional.empty();
                }
                scores[i] = 1;
            } else if (documented.equals(seen)) {
                scores[i] = 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(scores);
    }

    static int compareSpecificity(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    /** True when both patterns could name the same route: equal segments, or a parameter on either side. */
    boolean overlaps(RoutePattern other, int skipIndex) {
        if (other.segments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (i == skipIndex) {
                continue;
            }
            String a = segments.get(i);
            String b = other.segments.get(i);
            if (!a.equals(b) && !hasParameter(a) && !hasParameter(b)) {
                return false;
            }
        }
        return true;
    }

    private static Pattern mixedRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PARAM.matcher(segment);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(segment.substring(last, matcher.start())))
                    .append("[^/]+?");
            last = matcher.end();
        }
        regex.append(Pattern.quote(segment.substring(last)));
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
