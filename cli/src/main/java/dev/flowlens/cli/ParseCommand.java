package dev.flowlens.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.InvalidFormatException;
import dev.flowlens.ingest.ReadStats;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens parse}: flow-log input in, one JSON object per record out, keyed by AWS's field names. This is how
 * users debug a line and how the parser is checked against other tools' fixtures.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {
            "Parse flow-log records and print one JSON object per record on stdout, keyed by AWS's hyphenated"
                    + " field names (numbers as numbers, absent fields as null).",
            "Input kinds are detected: plain text, gzip, S3 objects with a header line, CloudWatch Logs"
                    + " subscription payloads, Parquet.",
            "Dead letters go to stderr as JSON with 'error', 'reason' and 'line'.",
            "Exit codes: 0 all records parsed, 1 some input was dead-lettered, 2 usage error,"
                    + " 3 an output could not be written."})
final class ParseCommand implements Callable<Integer> {
    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    ParseCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Field order for input without a header line: an AWS format string"
                    + " ('$${version} $${srcaddr} ...') or space-separated field names. Default: the 14 v2 fields.")
    String format;

    @Option(names = "--all-fields", description = "Print every AWS field, not only those of the input's format.")
    boolean allFields;

    @Option(names = "--summary", description = "Print a JSON summary of the counts to stderr at the end.")
    boolean summary;

    @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "65536",
            description = "Longest line kept; longer lines are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Input file, or - for stdin (the default).")
    String file = "-";

    @Override
    public Integer call() throws IOException {
        FlowLogFormat configured = parseFormat();
        ReaderLimits limits;
        try {
            limits = ReaderLimits.DEFAULT.withMaxLineBytes(maxLineBytes);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException("--max-line-bytes: " + e.getMessage());
        }
        FlowLogFiles files = new FlowLogFiles(configured, limits);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReadStats stats;
        try (JsonLinesConsumer consumer = new JsonLinesConsumer(out, err, allFields)) {
            if ("-".equals(file)) {
                stats = files.read(stdin(), "stdin", consumer);
            } else {
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw new Flowlens.UsageException("cannot read '" + file + "': "
                            + (Files.exists(path) ? "not a regular file" : "no such file"));
                }
                stats = files.read(path, consumer);
            }
        } catch (NoSuchFileException e) {
            throw new Flowlens.UsageException("cannot read '" + file + "': no such file");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (summary) {
            printSummary(err, stats);
        }
        out.flush();
        err.flush();
        return stats.deadLetters() > 0 ? Flowlens.EXIT_DEAD_LETTERS : 0;
    }

    private FlowLogFormat parseFormat() {
        if (format == null) {
            return FlowLogFormat.defaultFormat();
        }
        try {
            return FlowLogFormat.parse(format);
        } catch (InvalidFormatException e) {
            throw new Flowlens.UsageException("--format: " + e.getMessage());
        }
    }

    private InputStream stdin() {
        return stdin;
    }

    private static void printSummary(PrintWriter err, ReadStats stats) throws IOException {
        try (JsonGenerator json = JsonLines.open(err)) {
            json.writeStartObject();
            json.writeNumberField("lines", stats.lines());
            json.writeNumberField("headers", stats.headers());
            json.writeNumberField("records", stats.records());
            json.writeNumberField("dead-letters", stats.deadLetters());
            json.writeNumberField("object-failures", stats.objectFailures());
            json.writeNumberField("control-messages", stats.controlMessages());
            json.writeNumberField("normalized-timestamps", stats.normalizedTimestamps());
            json.writeEndObject();
        }
        err.println();
    }

    /** Writes records to stdout and dead letters to stderr, one JSON object per line. */
    private static final class JsonLinesConsumer implements RecordConsumer, AutoCloseable {
        private final JsonGenerator out;
        private final JsonGenerator err;
        private final boolean allFields;
        private List<FlowLogField> fields = FlowLogField.DEFAULT_FORMAT;

        JsonLinesConsumer(PrintWriter out, PrintWriter err, boolean allFields) throws IOException {
            this.out = JsonLines.open(out);
            this.err = JsonLines.open(err);
            this.allFields = allFields;
        }

        @Override
        public void formatChanged(FlowLogFormat format) {
            fields = allFields ? List.of(FlowLogField.values()) : format.fields();
        }

        @Override
        public void record(FlowRecord record) {
            try {
                out.writeStartObject();
                for (FlowLogField field : fields) {
                    out.writeFieldName(field.awsName());
                    Object value = field.get(record);
                    if (value == null) {
                        out.writeNull();
                    } else if (value instanceof Integer) {
                        out.writeNumber((Integer) value);
                    } else if (value instanceof Long) {
                        out.writeNumber((Long) value);
                    } else {
                        out.writeString(value.toString());
                    }
                }
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void deadLetter(DeadLetter letter) {
            JsonLines.deadLetter(err, letter);
        }

        @Override
        public void close() throws IOException {
            JsonLines.finish(out);
            JsonLines.finish(err);
        }
    }
}
