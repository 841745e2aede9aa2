package dev.vigil.traffic;

/** Parser messages quote the offending token, which may be a captured secret; keep only their shape. */
final class ParseMessages {
    private ParseMessages() {}

    static String withoutValues(String message) {
        if (message == null) {
            return "syntax error";
        }
        String firstLine = message.lines().findFirst().orElse("");
        String shape = firstLine.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        return shape.length() > 160 ? shape.substring(0, 160) + "…" : shape;
    }
}
