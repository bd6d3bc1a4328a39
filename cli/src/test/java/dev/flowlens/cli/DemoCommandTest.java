package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(run.outText()).contains("embedded Flink mini-cluster").contains("0.00% wrong")
                .contains("naive IP-only join");
        assertThat(out.resolve("enriched/stale-from-an-earlier-run")).doesNotExist();
        assertThat(out.resolve("scenario/truth/flows.tsv")).exists();
    }
}
