package dev.flowlens.cli;

import dev.flowlens.investigate.DatasetException;
import dev.flowlens.investigate.HourSummary;
import dev.flowlens.investigate.S3Cache;
import dev.flowlens.investigate.Summarizer;
import dev.flowlens.investigate.TimeRange;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens summarize}: the hour summaries {@code investigate} answers whole hours from. */
@Command(name = "summarize", mixinStandardHelpOptions = true,
        description = {
            "Writes for each hour partition of the enriched-flow Parquet dataset (local or s3://bucket/prefix) a"
                    + " summary of its flows, grouped by everything investigate filters on or shows for either end"
                    + " (not the ports), under DATASET/" + HourSummary.FOLDER + "/dt=YYYY-MM-DD/hour=HH/"
                    + HourSummary.FILE + ". investigate then answers whole hours from them, with the same rows.",
            "An hour whose summary covers exactly its current files is skipped, so it is cheap to run every hour;"
                    + " only files it wrote are ever replaced."})
final class SummarizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DIR|s3://BUCKET/PREFIX", defaultValue = "flowlens-out/parquet",
            description = "The enriched-flow Parquet dataset (default: the demo's, ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only hours with flows starting at or after: an ISO instant, a date (UTC) or a duration"
                    + " before now (P2D: the last two days).")
    String from;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Only hours with flows starting before: an ISO instant, a date (then up to the end of"
                    + " that day) or a duration before now.")
    String until;

    @Mixin
    S3Options s3 = new S3Options();

    @Override
    public Integer call() {
        TimeRange range;
        try {
            range = TimeRange.parse(from, until);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
        S3Cache s3Cache = s3.cache();
        boolean terminal = InvestigateCommand.stderrIsTerminal();
        ProgressBar[] bar = {null};
        List<Summarizer.Hour> hours;
        try {
            hours = Summarizer.run(dataset, s3.settings(), s3Cache, range,
                    (done, total) -> {
                        if (!terminal) {
                            return;
                        }
                        if (bar[0] == null) {
                            bar[0] = new ProgressBarBuilder().setTaskName("summarize").setInitialMax(total)
                                    .setUnit(" hours", 1).setStyle(ProgressBarStyle.ASCII)
                                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(
                                            new FileOutputStream(FileDescriptor.err), true)))
                                    .clearDisplayOnFinish().build();
                        }
                        bar[0].stepTo(done);
                    });
        } catch (DatasetException e) {
            if (e.incomplete()) {
                throw new InvestigateCommand.IncompleteException(e.getMessage(), e);
            }
            throw new Flowlens.UsageException(e.getMessage());
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        long[] written = new long[2];
        long[] current = new long[2];
        long[] all = new long[2];
        long flows = 0;
        long rows = 0;
        for (Summarizer.Hour hour : hours) {
            int kind = hour.partition().contains("/") ? 0 : 1; // an hour, or a day of summarized hours
            all[kind]++;
            switch (hour.outcome()) {
                case WRITTEN -> {
                    written[kind]++;
                    if (kind == 0) {
                        flows += hour.flows();
                        rows += hour.rows();
                    }
                    out.printf("written  %s%s: %,d flows in %,d files as %,d rows%n", hour.partition(),
                            kind == 0 ? "" : " (the day's hours)", hour.flows(), hour.files(), hour.rows());
                }
                case CURRENT -> current[kind]++;
                case NOT_SUMMARIZED -> out.printf("not summarized %s: %s%n", hour.partition(), hour.why());
            }
        }
        out.printf("%,d hours: %,d summaries written (%,d flows as %,d rows), %,d already current, %,d not"
                + " summarized; %,d days: %,d written, %,d already current%n", all[0], written[0], flows, rows,
                current[0], all[0] - written[0] - current[0], all[1], written[1], current[1]);
        out.flush();
        return 0;
    }
}
