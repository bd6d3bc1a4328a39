package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.report.UsageScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowlens run usage-report} (the bounded Flink job, embedded) on the report module's dataset with known
 * answers: the same files as {@code report usage}, and its failures with their exit codes.
 */
class RunUsageReportCommandTest {
    private static final String CSV = "usage-20260501T1000Z-20260501T1200Z.csv";
    private static final String JSON = "usage-20260501T1000Z-20260501T1200Z.json";

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
    void csvAndJsonAreReportUsagesByteForByteAndItsOwnFilesAreReplaced() throws Exception {
        Path out = dir.resolve("reports");
        Path config = config("run.yaml", dataset.toString(), "2026-05-01T10:00:00Z", "2026-05-01T12:00", out);
        Cli.Run run = Cli.run("", "run", "usage-report", "--config", config.toString());
        assertThat(run.exitCode()).as(run.errText()).isZero();
        assertThat(run.errText()).startsWith("flowlens run usage-report: 2026-05-01T10:00:00Z to 2026-05-01T12:00:00Z: "
                + scenario.expectedRecords() + " flow records of 1 day partition; written to").hasLineCount(1);
        for (String[] form : new String[][] {{"csv", CSV}, {"json", JSON}}) {
            Cli.Run byDuckDb = Cli.run("", "report", "usage", dataset.toString(), "--from", "2026-05-01T10:00:00Z",
                    "--until", "2026-05-01T12:00", "--format", form[0]);
            assertThat(byDuckDb.exitCode()).as(byDuckDb.errText()).isZero();
            assertThat(Files.readString(out.resolve(form[1]))).as(form[0]).isEqualTo(byDuckDb.outText());
        }
        assertThat(out.resolve("usage-20260501T1000Z-20260501T1200Z.html")).content()
                .contains("<title>Flowlens network usage and estimated cost");
        List<String> csv = List.of(Files.readString(out.resolve(CSV)).split("\n"));
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(scenario.expectedCsvLines());

        Cli.Run again = Cli.run("", "run", "usage-report", "--config", config.toString());
        assertThat(again.exitCode()).as(again.errText()).isZero(); // its own files: replaced
        try (var files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(CSV, JSON,
                    "usage-20260501T1000Z-20260501T1200Z.html"); // no temporary file left behind
        }
    }

    @Test
    void aMissingDatasetIsAUsageError() throws Exception {
        Cli.Run run = Cli.run("", "run", "usage-report", "--config", config("missing.yaml",
                dir.resolve("nowhere").toString(), "2026-05-01", "2026-05-02", dir.resolve("r1")).toString());
        assertThat(run.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(run.errText()).contains("report.dataset").contains("no such folder").hasLineCount(1);
    }

    @Test
    void aPeriodWithoutPartitionsIsAUsageError() throws Exception {
        Cli.Run run = Cli.run("", "run", "usage-report", "--config", config("later.yaml", dataset.toString(),
                "2026-06-01", "2026-06-08", dir.resolve("r2")).toString());
        assertThat(run.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(run.errText()).contains("has no partition of the period").contains("dt=2026-06-01 to dt=2026-06-07")
                .hasLineCount(1);
    }

    @Test
    void aPeriodWithoutRecordsWritesNothingAndIsAUsageError() throws Exception {
        Path out = dir.resolve("r3");
        Cli.Run run = Cli.run("", "run", "usage-report", "--config", config("evening.yaml", dataset.toString(),
                "2026-05-01T20:00", "2026-05-01T21:00", out).toString());
        assertThat(run.exitCode()).as(run.errText()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(run.errText()).contains("no flow record from 2026-05-01T20:00:00Z").contains("no report was written")
                .hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputItCannotWriteEndsTheRunIncomplete() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Cli.Run run = Cli.run("", "run", "usage-report", "--config", config("blocked.yaml", dataset.toString(),
                "2026-05-01T10:00:00Z", "2026-05-01T12:00", file.resolve("reports")).toString());
        assertThat(run.exitCode()).as(run.errText()).isEqualTo(Flowlens.EXIT_INCOMPLETE);
        assertThat(run.errText()).contains("cannot create the folder").hasLineCount(1);
    }

    @Test
    void aFileItDidNotWriteIsLeftAlone() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Path mine = Files.writeString(out.resolve(CSV), "my notes\n");
        Cli.Run run = Cli.run("", "run", "usage-report", "--config", config("mine.yaml", dataset.toString(),
                "2026-05-01T10:00:00Z", "2026-05-01T12:00", out).toString());
        assertThat(run.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(run.errText()).contains("report.output").contains("is not a csv report this command wrote")
                .hasLineCount(1);
        assertThat(Files.readString(mine)).isEqualTo("my notes\n");
        assertThat(out.resolve(JSON)).doesNotExist();
    }

    private static Path config(String name, String dataset, String start, String end, Path output)
            throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n",
                "report:",
                "  dataset: '" + dataset + "'",
                "  period-start: '" + start + "'",
                "  period-end: '" + end + "'",
                "  output: '" + output + "'",
                "flink: {parallelism.default: 2}",
                ""));
    }
}
