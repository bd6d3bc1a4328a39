package dev.flowlens.cli;

import dev.flowlens.investigate.DatasetException;
import dev.flowlens.investigate.Investigation;
import dev.flowlens.investigate.Investigations;
import dev.flowlens.investigate.ResultFormat;
import dev.flowlens.investigate.S3Cache;
import dev.flowlens.investigate.Subject;
import dev.flowlens.investigate.TimeRange;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens investigate}: who talked to X, from the enriched Parquet dataset (local or S3). */
@Command(name = "investigate", mixinStandardHelpOptions = true,
        description = {
            "Who talked to an address, a CIDR block, a port, an AWS service or a security group, or what a task or"
                    + " a service talked to: the tasks (with service, cluster and security groups) and other ends on"
                    + " the other side of its flows, with first and last seen, flows, bytes, packets, accepted and"
                    + " rejected.",
            "Reads the enriched-flow Parquet dataset (dt=YYYY-MM-DD/hour=HH), local or s3://bucket/prefix; only the"
                    + " partitions the time range touches are read (from S3, downloaded into a bounded cache).",
            "An hour wholly in the time range is answered from its summary (flowlens summarize) when that is"
                    + " current, plus the flows of files added since; port questions and partial hours read the"
                    + " flows."})
final class InvestigateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DIR|s3://BUCKET/PREFIX", defaultValue = "flowlens-out/parquet",
            description = "The enriched-flow Parquet dataset (default: the demo's, ${DEFAULT-VALUE}).")
    String dataset;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "What to ask about (one of):%n")
    Question question;

    static final class Question {
        @Option(names = "--address", paramLabel = "IP", description = "An IPv4 or IPv6 address.")
        String address;
        @Option(names = "--cidr", paramLabel = "CIDR", description = "An IPv4 CIDR block, such as 10.0.16.0/20.")
        String cidr;
        @Option(names = "--port", paramLabel = "PORT", description = "A port, either end's.")
        String port;
        @Option(names = "--aws-service", paramLabel = "NAME",
                description = "An AWS service as AWS's ip-ranges.json names it (S3, DYNAMODB, ...).")
        String awsService;
        @Option(names = "--security-group", paramLabel = "SG", description = "A security group id of a task's ENI.")
        String securityGroup;
        @Option(names = "--task", paramLabel = "ID|ARN", description = "A task: what did it talk to.")
        String task;
        @Option(names = "--service", paramLabel = "NAME|CLUSTER/NAME",
                description = "An ECS service: what did its tasks talk to.")
        String service;

        Subject subject() {
            if (address != null) {
                return Subject.address(address);
            }
            if (cidr != null) {
                return Subject.cidr(cidr);
            }
            if (port != null) {
                return Subject.port(port);
            }
            if (awsService != null) {
                return Subject.awsService(awsService);
            }
            if (securityGroup != null) {
                return Subject.securityGroup(securityGroup);
            }
            return task != null ? Subject.task(task) : Subject.service(service);
        }
    }

    @Option(names = "--from", paramLabel = "TIME",
            description = "Flows starting at or after: an ISO instant (2024-05-06T09:00:00Z), a date (UTC) or a"
                    + " duration before now (P2D, PT6H).")
    String from;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Flows starting before: an ISO instant, a date (then up to the end of that day) or a duration"
                    + " before now.")
    String until;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), csv or json, on standard output.")
    String format;

    @Option(names = "--explain",
            description = "Also print on standard error what was pruned (partitions kept and skipped, files, bytes,"
                    + " row groups), which hours came from their summaries and why the others did not, and the SQL.")
    boolean explain;

    @Option(names = "--no-summaries",
            description = "Read every kept hour's flows, ignoring the hour summaries flowlens summarize wrote (to"
                    + " check them: the answers are the same).")
    boolean noSummaries;

    @Mixin
    S3Options s3 = new S3Options();

    @Override
    public Integer call() throws IOException {
        Subject subject;
        TimeRange range;
        ResultFormat resultFormat;
        try {
            subject = question.subject();
            range = TimeRange.parse(from, until);
            resultFormat = ResultFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
        S3Cache s3Cache = s3.cache();
        Investigation investigation;
        try (Bars bars = new Bars(stderrIsTerminal())) {
            investigation = Investigations.run(dataset, s3.settings(), s3Cache,
                    subject, range, explain, !noSummaries, bars);
        } catch (DatasetException e) {
            if (e.incomplete()) {
                throw new IncompleteException(e.getMessage(), e);
            }
            throw new Flowlens.UsageException(e.getMessage());
        }
        if (explain) {
            Investigations.explain(investigation, spec.commandLine().getErr());
        }
        resultFormat.write(investigation, spec.commandLine().getOut());
        return 0;
    }

    /** The run did not complete: one line on stderr, exit 3. */
    static final class IncompleteException extends RuntimeException {
        IncompleteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Whether standard error is a terminal, where the bars go: the results may be piped or redirected while the
     * bars still show. Where {@code /proc} cannot tell, a console (stdin and stdout on a terminal) stands in.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /**
     * Progress bars on stderr for the download and the query, shown only on a terminal and only once the work
     * reports progress (a short query shows none).
     */
    private static final class Bars implements Investigations.Listener, AutoCloseable {
        private final boolean terminal;
        private PrintStream stderr;
        private ProgressBar download;
        private ProgressBar query;

        Bars(boolean terminal) {
            this.terminal = terminal;
        }

        private ProgressBar bar(String name, long max, String unit, long unitSize) {
            if (stderr == null) {
                stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
            }
            return new ProgressBarBuilder().setTaskName(name).setInitialMax(max).setUnit(unit, unitSize)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(stderr))
                    .clearDisplayOnFinish().build();
        }

        @Override
        public synchronized void downloading(long done, long total) {
            if (!terminal) {
                return;
            }
            if (download == null) {
                download = bar("download", total, " MiB", 1L << 20);
            }
            download.stepTo(done);
        }

        @Override
        public synchronized void querying(double share) {
            if (!terminal) {
                return;
            }
            if (download != null) {
                download.close();
                download = null;
            }
            if (query == null) {
                if (share >= 1) {
                    return; // done before its first report: no bar for a short query
                }
                query = bar("query", 100, "%", 1);
            }
            query.stepTo(Math.round(share * 100));
        }

        @Override
        public synchronized void close() {
            if (download != null) {
                download.close();
            }
            if (query != null) {
                query.close();
            }
        }
    }
}
