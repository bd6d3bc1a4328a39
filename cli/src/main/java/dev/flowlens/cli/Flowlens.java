package dev.flowlens.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowlens} command line: each capability is a subcommand. */
@Command(name = "flowlens", mixinStandardHelpOptions = true, versionProvider = Flowlens.Version.class,
        description = "Attribute AWS VPC Flow Logs to the Amazon ECS tasks that sent and received them.",
        subcommands = {DemoCommand.class, RunCommand.class, ParseCommand.class, AttributeCommand.class,
            GenerateCommand.class, EvaluateCommand.class, InvestigateCommand.class, SummarizeCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Flowlens implements Runnable {
    /** Exit code when some input was dead-lettered. */
    public static final int EXIT_DEAD_LETTERS = 1;
    /** Exit code for usage and configuration errors (picocli's own). */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the run did not complete: an output could not be written, or the job failed. */
    public static final int EXIT_INCOMPLETE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        // the descriptors, not System.out and System.err, which swallow failed writes
        return commandLine(System.in, new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err));
    }

    /** The command line reading {@code stdin} and writing {@code stdout} and {@code stderr}, failing when they fail. */
    public static CommandLine commandLine(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        CommandLine commandLine = commandLine(stdin);
        commandLine.setOut(new StrictWriter(stdout, "standard output"));
        commandLine.setErr(new StrictWriter(stderr, "standard error"));
        return commandLine;
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
        registerConverters(commandLine);
        commandLine.setParameterExceptionHandler((e, args) -> {
            String message = e.getMessage();
            if (e.getCause() instanceof CommandLine.TypeConversionException conversion
                    && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
                message = option.longestName() + ": " + conversion.getMessage();
            }
            // one line, not picocli's usage text: the help is one command away
            report(e.getCommandLine(), message + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            report(cl, oneLine(e));
            return e instanceof UsageException ? EXIT_USAGE : EXIT_INCOMPLETE;
        });
        commandLine.setExecutionStrategy(parseResult -> {
            int exitCode = new CommandLine.RunLast().execute(parseResult);
            // what a command printed last may fail only when flushed: a run is done only when its output is out
            CommandLine command = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            for (PrintWriter output : new PrintWriter[] {command.getOut(), command.getErr()}) {
                if (output.checkError()) {
                    report(command, output instanceof StrictWriter strict ? strict.failure().getMessage()
                            : "cannot write an output");
                    return EXIT_INCOMPLETE;
                }
            }
            return exitCode;
        });
        return commandLine;
    }

    /** Values of every command's options, with one-line errors naming the form expected. */
    private static void registerConverters(CommandLine commandLine) {
        CommandLine.ITypeConverter<Integer> integer = text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected a whole number, not '" + text + "'");
            }
        };
        CommandLine.ITypeConverter<Long> whole = text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected a whole number, not '" + text + "'");
            }
        };
        commandLine.registerConverter(Integer.class, integer).registerConverter(int.class, integer)
                .registerConverter(Long.class, whole).registerConverter(long.class, whole)
                .registerConverter(Duration.class, Flowlens::duration);
    }

    /** An ISO-8601 duration that fits in milliseconds, as the index and Flink's timers count. */
    static Duration duration(String text) {
        try {
            Duration duration = Duration.parse(text);
            duration.toMillis();
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("expected an ISO-8601 duration such as PT24H or PT30S,"
                    + " not '" + text + "'");
        }
    }

    /** One line on stderr, {@code flowlens run enrich: ...}; when stderr itself fails, the exit code says it. */
    private static void report(CommandLine command, String message) {
        try {
            PrintWriter err = command.getErr();
            err.println(command.getCommandSpec().qualifiedName() + ": " + message);
            err.flush();
        } catch (StrictWriter.OutputFailedException ignored) {
            // nowhere left to say it
        }
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
