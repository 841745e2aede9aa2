package dev.vigil.classify;

import java.util.List;

/**
 * Data-type definitions or suppressions could not be loaded. {@link #problems()} lists every
 * problem found, so a user fixes a file in one pass. Messages name files, entries and fields, never
 * sample values.
 */
public final class DefinitionsException extends RuntimeException {
    private final List<String> problems;

    public DefinitionsException(List<String> problems) {
        super(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
