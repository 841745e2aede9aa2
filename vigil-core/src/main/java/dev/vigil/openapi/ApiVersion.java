package dev.vigil.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API version marker found in a URL: a path segment such as {@code v2}, {@code v1.1},
 * {@code v2beta1}, {@code api-v3} or a date {@code 2024-06-01}, or a host label token such as
 * {@code v1.api.example.com} or {@code api-v2.example.com}. Versions of the same {@link #family()}
 * are ordered; numbers and dates are never compared with each other.
 *
 * @param index the segment index in the path, or the label index in the host
 * @param inHost whether the marker is a host label
 */
record ApiVersion(String text, boolean inHost, int index, String family, List<Integer> order)
        implements Comparable<ApiVersion> {
    private static final Pattern NUMBERED =
            Pattern.compile("(?i)(?:api[-_]?)?v(\\d{1,4})(?:[._](\\d{1,4}))?(?:[-_.]?(alpha|beta|rc)(\\d{0,4}))?");
    private static final Pattern DATED = Pattern.compile("(\\d{4})-(\\d{2})(?:-(\\d{2}))?");

    ApiVersion {
        order = List.copyOf(order);
    }

    /** The first version segment of a path, if any. */
    static Optional<ApiVersion> inPath(RoutePattern path) {
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Optional<ApiVersion> version = parse(segments.get(i), false, i);
            if (version.isPresent()) {
                return version;
            }
        }
        return Optional.empty();
    }

    /** The first host label carrying a version token ({@code v1}, {@code api-v2}), if any. */
    static Optional<ApiVersion> inHost(String host) {
        String[] labels =
                host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "").split("\\.");
        // The top-level label is never a version; a single-label host (a service name) may be.
        int limit = labels.length == 1 ? 1 : labels.length - 1;
        for (int i = 0; i < limit; i++) {
            for (String token : labels[i].split("-")) {
                Optional<ApiVersion> version = parse(token, true, i);
                if (version.isPresent()) {
                    return version;
                }
            }
        }
        return Optional.empty();
    }

    /** The host with its version label replaced, so hosts differing only in version compare equal. */
    static String hostWithoutVersion(String host, ApiVersion version) {
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            out.add(
                    i == version.index()
                            ? labels[i].replace(version.text().toLowerCase(Locale.ROOT), "{version}")
                            : labels[i]);
        }
        return String.join(".", out);
    }

    private static Optional<ApiVersion> parse(String token, boolean inHost, int index) {
        Matcher numbered = NUMBERED.matcher(token);
        if (numbered.matches()) {
            int stage =
                    switch (numbered.group(3) == null ? "" : numbered.group(3).toLowerCase(Locale.ROOT)) {
                        case "alpha" -> 0;
                        case "beta" -> 1;
                        case "rc" -> 2;
                        default -> 3;
                    };
            return Optional.of(new ApiVersion(
                    token,
                    inHost,
                    index,
                    "numbered",
                    List.of(
                            Integer.parseInt(numbered.group(1)),
                            numbered.group(2) == null ? 0 : Integer.parseInt(numbered.group(2)),
                            stage,
                            numbered.group(4) == null || numbered.group(4).isEmpty()
                                    ? 0
                                    : Integer.parseInt(numbered.group(4)))));
        }
        Matcher dated = DATED.matcher(token);
        if (!inHost && dated.matches()) {
            int month = Integer.parseInt(dated.group(2));
            int day = dated.group(3) == null ? 0 : Integer.parseInt(dated.group(3));
            if (month >= 1 && month <= 12 && day <= 31) {
                return Optional.of(new ApiVersion(
                        token, false, index, "dated", List.of(Integer.parseInt(dated.group(1)), month, day)));
            }
        }
        return Optional.empty();
    }

    /** Same place in the URL and same kind of version, so the two can be ordered. */
    boolean comparableWith(ApiVersion other) {
        return inHost == other.inHost && index == other.index && family.equals(other.family);
    }

    @Override
    public int compareTo(ApiVersion other) {
        for (int i = 0; i < Math.min(order.size(), other.order.size()); i++) {
            int c = Integer.compare(order.get(i), other.order.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(order.size(), other.order.size());
    }
}
