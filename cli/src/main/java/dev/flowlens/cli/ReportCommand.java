package dev.flowlens.cli;

import dev.flowlens.report.Period;
import dev.flowlens.report.Prices;
import dev.flowlens.report.ReportFile;
import dev.flowlens.report.ReportFormat;
import dev.flowlens.report.UsageQuery;
import dev.flowlens.report.UsageReport;
import dev.flowlens.schemas.usage.ServiceUsage;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowlens report}: reports over the enriched-flow dataset; {@code usage} is the first. */
@Command(name = "report", mixinStandardHelpOptions = true,
        subcommands = {ReportCommand.Usage.class, ReportCapacityCommand.class},
        description = "Reports: usage (over the enriched-flow Parquet dataset) and capacity (over the ECS and EC2"
                + " metadata).")
final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a report is required: usage or capacity (see --help)");
    }

    /** {@code flowlens report usage}: per-service network usage and its estimated cost over a period. */
    @Command(name = "usage", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Per service over a period: bytes, packets and flows in and out by peer class (same-az, cross-az,"
                        + " same-vpc, other-vpc, aws-service by name, internet), east-west by peer service, the"
                        + " top external destinations, an hourly trend, and an ESTIMATED network cost from list"
                        + " prices (not a bill).",
                "Reads a local enriched-flow dataset (dt=/hour= Parquet partitions, as 'flowlens demo' writes to"
                        + " flowlens-out/parquet) with embedded DuckDB, only the days of the period.",
                "Writes a self-contained HTML page with charts, or the ServiceUsage rows of schemas/usage.md as CSV"
                        + " or JSON."})
    static final class Usage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATASET", description = "The dataset's root folder (holding dt=... folders).")
        String dataset;

        @Option(names = "--from", paramLabel = "TIME",
                description = "Period start, inclusive: a UTC date (2026-05-01), date-time (2026-05-01T10:00) or"
                        + " instant (2026-05-01T10:00:00Z). Default: the hour of the dataset's first flow.")
        String from;

        @Option(names = "--until", paramLabel = "TIME",
                description = "Period end, exclusive, in the same forms. Default: the end of the hour of the"
                        + " dataset's last flow.")
        String until;

        @Option(names = "--prices", paramLabel = "FILE",
                description = "Prices (YAML or JSON) overriding the defaults: us-east-1 list prices, their date and"
                        + " source in the file (see README).")
        Path pricesFile;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
                description = "html (page with charts), csv or json (the ServiceUsage rows). Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write the report (default: standard output). An existing file is replaced"
                        + " only when it is a report of the same format this command wrote; any other is left"
                        + " alone.")
        Path out;

        @Option(names = "--top", paramLabel = "N", defaultValue = "10",
                description = "External destinations to show per service. Default: ${DEFAULT-VALUE}.")
        int top;

        @Override
        public Integer call() throws IOException {
            ReportFormat form = format();
            if (top < 1) {
                throw new Flowlens.UsageException("--top " + top + ": show at least 1 destination per service");
            }
            if (dataset.startsWith("s3://")) {
                throw new Flowlens.UsageException("DATASET '" + dataset + "': s3:// datasets are not supported by"
                        + " 'report usage' yet: copy the days you need to a local folder (aws s3 sync) and give"
                        + " that folder");
            }
            Path root = Path.of(dataset);
            if (!Files.isDirectory(root)) {
                throw new Flowlens.UsageException("DATASET '" + dataset + "': no such directory");
            }
            Prices prices;
            try {
                prices = pricesFile == null ? Prices.defaults() : Prices.load(pricesFile);
            } catch (Prices.InvalidPricesException e) {
                throw new Flowlens.UsageException(e.getMessage());
            }
            if (out != null) {
                String refusal = ReportFile.refusal(out, form);
                if (refusal != null) {
                    throw new Flowlens.UsageException("--out " + refusal);
                }
            }
            UsageQuery query = new UsageQuery(root);
            if (!query.hasParquetFiles()) {
                throw new Flowlens.UsageException("DATASET '" + dataset + "' holds no .parquet files: give the"
                        + " enriched-flow dataset's folder (flowlens-out/parquet after 'flowlens demo')");
            }
            UsageReport report;
            Progress progress = Progress.of(spec);
            progress.show("aggregating the dataset");
            try {
                Period period = period(query);
                report = query.run(period, prices, top);
            } catch (SQLException e) {
                throw new Flowlens.UsageException("cannot read the dataset '" + dataset + "': " + firstLine(e)
                        + " (is every .parquet file under it an enriched-flow file, schemas/enriched-flow.md?)");
            } finally {
                progress.clear();
            }
            ReportOptions.write(out, spec.commandLine().getOut(), writer -> form.write(report, writer));
            summary(report, prices);
            return 0;
        }

        private ReportFormat format() {
            return ReportOptions.choice("--format", format, ReportFormat.values(), ReportFormat::optionName);
        }

        private Period period(UsageQuery query) throws SQLException {
            return ReportOptions.period(from, until, query::span, "DATASET '" + dataset + "' has no flow with a"
                    + " capture start: give --from and --until");
        }

        /** One line on stderr: what was counted and the estimate, so a run with nothing in it is not silent. */
        private void summary(UsageReport report, Prices prices) {
            UsageReport.Coverage c = report.coverage();
            BigDecimal cost = BigDecimal.ZERO;
            for (ServiceUsage row : report.rows()) {
                cost = cost.add(dev.flowlens.report.UsageRows.cost(row.estimatedCostUsd));
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("flowlens report usage: %s: %,d flow records, %,d counted (left out: %,d without data, %,d"
                    + " rejected, %,d recorded by a non-task interface, %,d without a peer); %,d rows; estimated"
                    + " cost $%s (an estimate from %s list prices as of %s, not a bill)%s%n", report.period(),
                    c.records(), c.counted(), c.withoutData(), c.rejected(), c.notRecordedByTask(),
                    c.withoutPeer(), report.rows().size(), cost.toPlainString(), prices.region, prices.asOf,
                    out == null ? "" : "; written to " + out);
            err.flush();
        }

        private static String firstLine(SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }

    /** The report could not be written: the run did not complete (exit 3). */
    static final class ReportNotWritten extends RuntimeException {
        ReportNotWritten(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
