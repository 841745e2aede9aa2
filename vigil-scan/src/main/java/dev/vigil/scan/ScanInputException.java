package dev.vigil.scan;

import java.util.List;

/** One or more scan inputs are invalid (identities, catalog, target, baseline, suppressions); lists them all. */
public final class ScanInputException extends ScanException {
    private final List<String> problems;

    public ScanInputException(List<String> problems, Throwable firstCause) {
        super(String.join("\n", problems), firstCause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
