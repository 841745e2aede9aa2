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
 * ignored. Immutable; segment kinds are worked out once because matching runs for every pair of
 * observed endpoint and documented operation.
 */
final class RoutePattern {
    private static final Pattern PARAM = Pattern.compile("\\{[^/{}]*}");
    private static final int PARAMETER = 0;
    private static final int MIXED = 1;
    private static final int LITERAL = 2;

    private final List<String> segments;
    private final int[] kinds;
    private final Pattern[] mixed;

    private RoutePattern(List<String> segments) {
        this.segments = List.copyOf(segments);
        this.kinds = new int[segments.size()];
        this.mixed = new Pattern[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (PARAM.matcher(segment).matches()) {
                kinds[i] = PARAMETER;
            } else if (PARAM.matcher(segment).find()) {
                kinds[i] = MIXED;
                mixed[i] = mixedRegex(segment);
            } else {
                kinds[i] = LITERAL;
            }
        }
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

    List<String> segments() {
        return segments;
    }

    int size() {
        return segments.size();
    }

    /** Whether segment {@code i} is a plain literal (no parameter in it). */
    boolean isLiteral(int i) {
        return kinds[i] == LITERAL;
    }

    /** Whether segment {@code i} is a mixed segment, such as {@code {id}.json}. */
    boolean isMixed(int i) {
        return kinds[i] == MIXED;
    }

    /** For a mixed segment {@code i}: whether the literal {@code segment} has its shape. */
    boolean mixedMatches(int i, String segment) {
        return mixed[i].matcher(segment).matches();
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
            switch (kinds[i]) {
                case PARAMETER -> scores[i] = 0;
                case MIXED -> {
                    if (observed.kinds[i] == LITERAL
                            && !mixed[i].matcher(observed.segments.get(i)).matches()) {
                        return Optional.empty();
                    }
                    scores[i] = 1;
                }
                default -> {
                    if (!segments.get(i).equals(observed.segments.get(i))) {
                        return Optional.empty();
                    }
                    scores[i] = 2;
                }
            }
        }
        return Optional.of(scores);
    }

    static int compareSpecificity(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    /**
     * True when both patterns could name the same route, ignoring the segment at {@code skipIndex}
     * (-1: none): every other segment equal, or a parameter on either side.
     */
    boolean overlaps(RoutePattern other, int skipIndex) {
        if (other.segments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (i == skipIndex || kinds[i] != LITERAL || other.kinds[i] != LITERAL) {
                continue;
            }
            if (!segments.get(i).equals(other.segments.get(i))) {
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
    public boolean equals(Object other) {
        return other instanceof RoutePattern pattern && pattern.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
