package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched local directory: the streaming job reads the flow-log objects there at start, and a file dropped in
 * later; every flow comes out once, none wrongly attributed.
 */
class WatchedDirectoryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(4);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void filesAppearingLaterAreReadToo() throws Exception {
        Path scenario = dir.resolve("scenario");
        long records = new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(31)),
                scenario, ScenarioWriter.Layout.S3).write();
        Path config = Files.writeString(dir.resolve("watch.yaml"), String.join("\n",
                "flow-logs: {directory: " + scenario.resolve("flowlogs") + ", watch-interval: PT0.5S}",
                "metadata: {events: " + scenario.resolve("metadata/events.jsonl") + ", snapshot: "
                        + scenario.resolve("metadata/snapshot.json") + "}",
                "enrichment: {vpc-cidrs: [10.0.0.0/16], idleness: PT1S}",
                "checkpoints: {interval: PT0.3S}",
                "sinks: {enriched-json: " + dir.resolve("out/json") + ", dead-letters: " + dir.resolve("out/dead")
                        + "}",
                ""));
        JobClient job = MiniClusters.submit(config, "watched directory test");
        try {
            // The first listing was read once some of its flows are out (most go out at once: the metadata covers
            // them); only a file written after that tests the watching.
            assertThat(OutputFiles.awaitLines(dir.resolve("out/json"), 1, TIMEOUT)).as("flows of the first listing")
                    .isNotEmpty();
            // A later file, far later in event time: it must be found, and it releases the last held flows. Written
            // under a hidden name and renamed, so that no listing sees it half written.
            Path hidden = Files.writeString(scenario.resolve("flowlogs/.later.log"), Judged.clockRecord(4102444800L));
            Files.move(hidden, scenario.resolve("flowlogs/later.log"), StandardCopyOption.ATOMIC_MOVE);
            List<String> enriched = OutputFiles.awaitLines(dir.resolve("out/json"), records + 1, TIMEOUT);
            assertThat(enriched).hasSize((int) records + 1);
            Judged.everyFlowOnceNoneWrong(scenario, enriched, dir);
        } finally {
            job.cancel().get();
        }
    }
}
