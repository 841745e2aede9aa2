package dev.vigil.guard.detect;

/**
 * A quick templater for the hot path: segments that look like object ids (numbers, UUIDs, long hex,
 * long mixed letters-and-digits) become {@code {id}}. The discovery pipeline has the careful
 * templater; this one only needs to group requests that walk ids.
 */
final class PathTemplates {
    private PathTemplates() {}

    /** The templated path and the id segments joined by '/', or null when the path has no id segment. */
    static String[] split(String path) {
        StringBuilder template = new StringBuilder(path.length());
        StringBuilder ids = null;
        int start = 1;
        template.append('/');
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String seg = path.substring(start, end);
            if (isId(seg)) {
                template.append("{id}");
                ids = ids == null ? new StringBuilder(seg) : ids.append('/').append(seg);
            } else {
                template.append(seg);
            }
            if (slash < 0) {
                break;
            }
            template.append('/');
            start = slash + 1;
        }
        return ids == null ? null : new String[] {template.toString(), ids.toString()};
    }

    static boolean isId(String seg) {
        int n = seg.length();
        if (n == 0) {
            return false;
        }
        int digits = 0;
        int hex = 0;
        int letters = 0;
        for (int i = 0; i < n; i++) {
            char c = seg.charAt(i);
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
        boolean uuidShape = n == 36 && seg.charAt(8) == '-' && seg.charAt(13) == '-' && hex == 32;
        boolean longHex = n >= 8 && hex == n && digits > 0;
        boolean token = n >= 10 && digits > 0 && letters > 0;
        return uuidShape || longHex || token;
    }
}
