package dev.vigil.guard.policy;

import java.util.List;

/** A policy file is invalid; {@link #problems()} lists every problem found, not just the first. */
public final class PolicyException extends RuntimeException {
    private final List<String> problems;

    public PolicyException(String source, List<String> problems) {
        super("invalid policy " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
