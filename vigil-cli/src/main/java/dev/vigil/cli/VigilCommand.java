package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: composition root of every subcommand. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        version = "vigil 0.1.0",
        subcommands = {
            DemoCommand.class,
            DiscoverCommand.class,
            DiffCommand.class,
            ServeCommand.class,
            dev.vigil.cli.bench.BenchCommand.class
        },
        description = "API discovery, documentation, authorization testing and runtime protection.")
public final class VigilCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Vigil's exit-code and error conventions: 2 for bad usage, 1 for failures. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VigilCommand());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("vigil " + commandLine.getCommandName() + ": " + Errors.describe(e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli;
    }
}
