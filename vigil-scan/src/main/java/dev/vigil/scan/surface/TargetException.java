package dev.vigil.scan.surface;

import dev.vigil.scan.ScanException;
import java.util.List;

/** The target could not be built (unreadable spec, no base URL, no operations); lists every problem. */
public final class TargetException extends ScanException {
    private final List<String> problems;

    public TargetException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
