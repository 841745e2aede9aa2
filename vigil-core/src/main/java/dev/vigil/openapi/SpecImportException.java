package dev.vigil.openapi;

import java.util.List;

/**
 * A spec file could not be imported. {@link #problems()} lists every message the parser reported,
 * so a user fixes them all in one pass.
 */
public final class SpecImportException extends RuntimeException {
    private final String source;
    private final List<String> problems;

    public SpecImportException(String source, List<String> problems) {
        this(source, problems, null);
    }

    public SpecImportException(String source, List<String> problems, Throwable cause) {
        super(message(source, problems), cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        StringBuilder out = new StringBuilder("cannot import spec ")
                .append(source)
                .append(": ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (String problem : problems) {
            out.append("\n  - ").append(problem);
        }
        return out.toString();
    }
}
