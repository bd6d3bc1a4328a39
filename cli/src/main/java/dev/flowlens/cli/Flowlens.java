package dev.flowlens.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowlens} command line: each capability is a subcommand. */
@Command(name = "flowlens", mixinStandardHelpOptions = true, versionProvider = Flowlens.Version.class,
        description = "Attribute AWS VPC Flow Logs to the Amazon ECS tasks that sent and received them.",
        subcommands = {DemoCommand.class, RunCommand.class, ParseCommand.class, AttributeCommand.class,
            GenerateCommand.class, EvaluateCommand.class,
            CommandLine.HelpCommand.class})
public final class Flowlens implements Runnable {
    /** Exit code when some input was dead-lettered. */
    public static final int EXIT_DEAD_LETTERS = 1;
    /** Exit code for usage and configuration errors (picocli's own). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** The configured command line reading {@code stdin}; tests set their own out and err writers on it. */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ParseCommand.class) {
                    return type.cast(new ParseCommand(stdin));
                }
                if (type == AttributeCommand.class) {
                    return type.cast(new AttributeCommand(stdin));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new Flowlens(), factory);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            err.println("flowlens " + cl.getCommandName() + ": " + oneLine(e));
            err.flush();
            return e instanceof UsageException ? EXIT_USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A configuration or input error the user can fix: one line on stderr, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Flowlens.class.getPackage().getImplementationVersion();
            return new String[] {"flowlens " + (version == null ? "development build" : version)};
        }
    }
}
