package dev.vigil.guard.detect;

/**
 * A quick templater for the hot path: segments that look like object ids (numbers, UUIDs, long hex,
 * long mixed letters-and-digits) become {@code {id}}. The discovery pipeline has the careful
 * templater; this one only needs to group requests that walk ids.
 */
final class PathTemplates {
    private PathTemplates() {}

    /**
     * Appends the templated {@code path} to {@code out} and returns its id segments joined by '/';
     * {@code firstId} is {@link #firstIdSegment}, not negative.
     */
    static String appendTemplate(StringBuilder out, String path, int firstId) {
        out.append(path, 0, firstId);
        String ids = null;
        StringBuilder more = null;
        int start = firstId;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (isId(path, start, end)) {
                out.append("{id}");
                if (ids == null) {
                    ids = path.substring(start, end);
                } else {
                    more = (more == null ? new StringBuilder(ids) : more)
                            .append('/')
                            .append(path, start, end);
                }
            } else {
                out.append(path, start, end);
            }
            if (slash < 0) {
                return more == null ? ids : more.toString();
            }
            out.append('/');
            start = slash + 1;
        }
    }

    /** Where the first id segment of {@code path} starts, or -1: most paths have none and cost no allocation. */
    static int firstIdSegment(String path) {
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (isId(path, start, end)) {
                return start;
            }
            if (slash < 0) {
                return -1;
            }
            start = slash + 1;
        }
        return -1;
    }

    static boolean isId(String seg) {
        return isId(seg, 0, seg.length());
    }

    /** Whether {@code s[from, to)} looks like an object id. */
    static boolean isId(String s, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return false;
        }
        int digits = 0;
        int hex = 0;
        int letters = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hex++;
                letters++;
            } else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) {
                letters++;
            } else if (c != '-' && c != '_') {
                return false;
            }
        }
        if (digits == n) {
            return true;
        }
        boolean uuidShape = n == 36 && s.charAt(from + 8) == '-' && s.charAt(from + 13) == '-' && hex == 32;
        boolean longHex = n >= 8 && hex == n && digits > 0;
        boolean token = n >= 10 && digits > 0 && letters > 0;
        return uuidShape || longHex || token;
    }
}
