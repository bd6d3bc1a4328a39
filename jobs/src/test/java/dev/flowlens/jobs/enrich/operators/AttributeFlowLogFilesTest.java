package dev.flowlens.jobs.enrich.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded file operator attributes a file's records after the interface evidence of all of them: whether it
 * holds a small file's records between the two (one read) or reads a large one twice, the enriched flows and the
 * dead letters are the same, in the same order.
 */
class AttributeFlowLogFilesTest {
    @TempDir
    static Path dir;

    private static Simulation simulation;
    private static List<TaskState> tasks;
    private static List<String> files;

    @BeforeAll
    static void scenario() throws Exception {
        simulation = new Simulation(SimConfig.defaults().withDuration(20));
        new ScenarioWriter(simulation, dir, ScenarioWriter.Layout.LINES).write();
        TaskStateChangeEvents events = new TaskStateChangeEvents();
        tasks = new ArrayList<>(events.parseDescribeTasks(Files.readAllBytes(dir.resolve("metadata/snapshot.json")),
                0L));
        for (String line : Files.readAllLines(dir.resolve("metadata/events.jsonl"))) {
            tasks.add(events.parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        Path flows = dir.resolve("flowlogs.log");
        // hostile lines among the good ones: each must come out as a dead letter, whichever way the file is read
        Files.writeString(flows, "this is not a flow record\n2 123 eni-x 10.0.0.1\n", StandardOpenOption.APPEND);
        files = List.of(flows.toString());
    }

    @Test
    void oneReadAndTwoReadsGiveTheSameFlowsAndDeadLetters() throws Exception {
        Output held = run(AttributeFlowLogFiles.BUFFERED_RECORDS);
        assertThat(held.flows).hasSizeGreaterThan(1_000);
        assertThat(held.deadLetters).hasSize(2);

        Output readTwice = run(1); // the first record already overflows: every file is read a second time
        assertThat(readTwice).isEqualTo(held);
        Output overflowingMidway = run(held.flows.size() / 2);
        assertThat(overflowingMidway).isEqualTo(held);
    }

    private record Output(List<String> flows, List<String> deadLetters) {}

    private static Output run(int bufferedRecords) throws Exception {
        IndexSettings settings = new IndexSettings(Duration.ofHours(24), simulation.vpcCidrs(), Map.of());
        try (BroadcastOperatorTestHarness<String, TaskState, EnrichedFlow> harness =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new AttributeFlowLogFiles(
                        simulation.format().toAwsFormatString(), settings, bufferedRecords), BroadcastTaskIndex.TASKS)) {
            harness.open();
            for (TaskState task : tasks) {
                harness.processBroadcastElement(task, 0L);
            }
            for (String file : files) {
                harness.processElement(file, 0L);
            }
            List<String> flows = harness.extractOutputValues().stream().map(EnrichedFlowJson::toJson).toList();
            List<String> deadLetters = Stream.ofNullable(harness.getSideOutput(DeadLetters.TAG))
                    .flatMap(queue -> queue.stream()).map(StreamRecord::getValue).map(DeadLetter::toString).toList();
            return new Output(flows, deadLetters);
        }
    }
}
