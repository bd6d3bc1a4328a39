package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report replaces only a report of its own form: never a file it did not write. */
class ReportFileTest {
    @TempDir
    Path dir;

    private final UsageReport report = new UsageReport(new Period(0, 3600), Prices.defaults(), List.of(), List.of(),
            List.of(), new UsageReport.Coverage(0, 0, 0, 0, 0, 0));

    @Test
    void aNewFileIsWrittenAndAnEarlierReportReplaced() throws Exception {
        for (ReportFormat format : ReportFormat.values()) {
            Path target = dir.resolve("usage." + format.optionName());
            assertThat(ReportFile.refusal(target, format)).isNull();
            ReportFile.write(report, format, target);
            assertThat(format.wrote(target)).as(format.name()).isTrue();
            assertThat(ReportFile.refusal(target, format)).as(format.name()).isNull();
            ReportFile.write(report, format, target);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("usage.html",
                    "usage.csv", "usage.json"); // no temporary file left
        }
    }

    @Test
    void aFileItDidNotWriteIsRefused() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.csv"), "my,own,data\n");
        assertThat(ReportFile.refusal(notes, ReportFormat.CSV))
                .contains("exists and is not a csv report this command wrote");
        ReportFile.write(report, ReportFormat.CSV, dir.resolve("usage.csv"));
        // a CSV report is not an HTML page: the same file as another form is refused too
        assertThat(ReportFile.refusal(dir.resolve("usage.csv"), ReportFormat.HTML)).contains("is not a html report");
        assertThat(ReportFile.refusal(dir, ReportFormat.HTML)).contains("is a directory");
        assertThat(ReportFile.refusal(dir.resolve("nowhere/usage.html"), ReportFormat.HTML)).contains("does not exist");
        assertThat(Files.readString(notes)).isEqualTo("my,own,data\n");
    }
}
