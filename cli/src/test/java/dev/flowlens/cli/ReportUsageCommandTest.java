package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.report.UsageScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens report usage} on the report module's generated dataset with known answers. */
class ReportUsageCommandTest {
    @TempDir
    static Path dir;
    static Path dataset;
    static UsageScenario scenario;

    @BeforeAll
    static void writeDataset() throws Exception {
        scenario = new UsageScenario();
        dataset = dir.resolve("parquet");
        scenario.writeTo(dataset);
    }

    @Test
    void csvOnStandardOutputIsTheExpectedRows() {
        Cli.Run run = Cli.run("", "report", "usage", dataset.toString(), "--from", "2026-05-01T10:00:00Z",
                "--until", "2026-05-01T12:00", "--format", "csv");
        assertThat(run.exitCode()).as(run.errText()).isZero();
        List<String> lines = List.of(run.outText().split("\n"));
        assertThat(lines.get(0)).isEqualTo("period-start,period-end,account-id,cluster,service,direction,peer-class,"
                + "peer-service,aws-service,bytes,packets,flows,estimated-cost-usd");
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(scenario.expectedCsvLines());
        assertThat(run.errText()).startsWith("flowlens report usage: 2026-05-01T10:00:00Z to 2026-05-01T12:00:00Z:")
                .contains("estimated cost $").contains("not a bill").hasLineCount(1);
    }

    @Test
    void htmlToAFileThenReplacedByTheNextRunButNeverAForeignFile() throws Exception {
        Path page = dir.resolve("usage.html");
        String[] args = {"report", "usage", dataset.toString(), "--from", "2026-05-01", "--until",
            "2026-05-01T12:00:00Z", "--out", page.toString()};
        assertThat(Cli.run("", args).exitCode()).isZero();
        assertThat(Files.readString(page)).contains("<title>Flowlens network usage and estimated cost");
        assertThat(Cli.run("", args).exitCode()).isZero(); // its own page: replaced

        Path mine = Files.writeString(dir.resolve("mine.html"), "<p>my notes</p>");
        Cli.Run refused = Cli.run("", "report", "usage", dataset.toString(), "--out", mine.toString());
        assertThat(refused.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(refused.errText()).contains("is not a html report this command wrote").hasLineCount(1);
        assertThat(Files.readString(mine)).isEqualTo("<p>my notes</p>");
    }

    @Test
    void withoutAPeriodTheDatasetsHoursAreReported() {
        Cli.Run run = Cli.run("", "report", "usage", dataset.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.errText()).isZero();
        // the scenario's flows start at 09:00 (before its period) and its last at 12:00
        assertThat(run.errText()).contains("2026-05-01T09:00:00Z to 2026-05-01T13:00:00Z");
        assertThat(run.outText()).startsWith("[\n{\"period-start\":" + (UsageScenario.T - 3600) + ",\"period-end\":"
                + (UsageScenario.T + 3 * 3600) + ",");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        assertUsageError(List.of("report", "usage", "s3://bucket/parquet"), "s3:// datasets are not supported");
        assertUsageError(List.of("report", "usage", dir.resolve("none").toString()), "no such directory");
        assertUsageError(List.of("report", "usage", dataset.toString(), "--format", "pdf"),
                "expected html, csv or json");
        assertUsageError(List.of("report", "usage", dataset.toString(), "--from", "yesterday"),
                "--from: expected a UTC date");
        assertUsageError(List.of("report", "usage", dataset.toString(), "--from", "2026-05-02", "--until",
                "2026-05-01"), "--until must be after --from");
        Path prices = Files.writeString(dir.resolve("prices.yaml"), "cross-az-per-gb: -0.01\n");
        assertUsageError(List.of("report", "usage", dataset.toString(), "--prices", prices.toString()),
                "cross-az-per-gb is -0.01");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertUsageError(List.of("report", "usage", empty.toString()), "holds no .parquet files");
        Path broken = Files.createDirectories(dir.resolve("broken/dt=2026-05-01/hour=10"));
        Files.writeString(broken.resolve("part-0.parquet"), "not parquet");
        assertUsageError(List.of("report", "usage", dir.resolve("broken").toString(), "--from", "2026-05-01",
                "--until", "2026-05-02"), "cannot read the dataset");
    }

    @Test
    void pricesFromAFileChangeTheEstimate() throws Exception {
        Path prices = Files.writeString(dir.resolve("double.json"), "{\"cross-az-per-gb\": 0.02}");
        Cli.Run run = Cli.run("", "report", "usage", dataset.toString(), "--from", "2026-05-01T10:00Z", "--until",
                "2026-05-01T12:00Z", "--format", "csv", "--prices", prices.toString());
        assertThat(run.exitCode()).as(run.errText()).isZero();
        // cross-AZ rows cost twice the default's estimate: 200,000,000 bytes at 0.02 per GB
        assertThat(run.outText()).contains(",api,in,cross-az,web,,200000000,150000,1,"
                + new java.math.BigDecimal(0.02 * 200_000_000 / (1L << 30))
                        .setScale(6, java.math.RoundingMode.HALF_UP).toPlainString() + "\n");
    }

    private static void assertUsageError(List<String> args, String message) {
        Cli.Run run = Cli.run("", args.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.errText()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(run.errText()).contains(message).hasLineCount(1).startsWith("flowlens report usage: ");
        assertThat(run.outText()).isEmpty();
    }
}
