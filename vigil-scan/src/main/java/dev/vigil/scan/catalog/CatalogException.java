package dev.vigil.scan.catalog;

import dev.vigil.scan.ScanException;
import java.util.List;

/** The test catalog is invalid; {@link #problems()} lists every problem of every file, each with its location. */
public final class CatalogException extends ScanException {
    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(problems.size() + " problem(s) in the test catalog:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
