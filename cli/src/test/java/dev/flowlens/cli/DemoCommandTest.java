package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens demo} end to end: simulation, the Flink job on an embedded mini-cluster, scoring. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsTheJobAndReportsScores() throws Exception {
        Path out = dir.resolve("flowlens-out");
        Files.createDirectories(out.resolve("enriched"));
        Files.writeString(out.resolve("enriched/stale-from-an-earlier-run"), "{}\n"); // must be replaced

        Cli.Run run = Cli.run("", "demo", "--out", out.toString(), "--minutes", "5", "--seed", "11");

        assertThat(run.exitCode()).as(run.errText()).isZero();
        assertThat(run.outText()).contains("embedded Flink mini-cluster").contains("naive IP-only join");
        // Flowlens's scores parsed where the line names them: contains("0.00% wrong") also matched "10.00% wrong".
        Matcher scores = Pattern.compile("\\b(\\d+[.,]\\d+)% of ends correct, (\\d+[.,]\\d+)% wrong\\b")
                .matcher(run.outText());
        assertThat(scores.find()).as("a score line in:%n%s", run.outText()).isTrue();
        assertThat(percent(scores.group(2))).as("share of ends wrong").isZero();
        assertThat(percent(scores.group(1))).as("share of ends correct").isGreaterThan(99.0);
        assertThat(out.resolve("enriched/stale-from-an-earlier-run")).doesNotExist();
        assertThat(out.resolve("scenario/truth/flows.tsv")).exists();
    }

    /** A percentage as printed (the decimal separator is the locale's). */
    private static double percent(String printed) {
        return Double.parseDouble(printed.replace(',', '.'));
    }
}
