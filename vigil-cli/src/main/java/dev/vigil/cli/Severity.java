package dev.vigil.cli;

import java.util.List;
import picocli.CommandLine;

/** The severities a {@code --fail-on} option accepts. */
final class Severity {
    static final List<String> LEVELS = List.of("info", "low", "medium", "high", "critical", "none");

    private Severity() {}

    static void check(CommandLine.Model.CommandSpec spec, String value) {
        if (!LEVELS.contains(value)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--fail-on must be one of " + String.join(", ", LEVELS) + ", not '" + value + "'");
        }
    }
}
