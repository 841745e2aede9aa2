package dev.vigil.scan.identity;

import dev.vigil.scan.ScanException;
import java.util.List;

/** The identities file is invalid; {@link #problems()} lists every problem found, each with its location. */
public final class IdentitiesException extends ScanException {
    private final List<String> problems;

    public IdentitiesException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s) in identities:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
