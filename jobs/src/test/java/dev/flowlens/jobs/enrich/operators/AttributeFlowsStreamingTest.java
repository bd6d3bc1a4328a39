package dev.flowlens.jobs.enrich.operators;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hold-back of flows newer than the task metadata, with keyed state and event-time timers, in a test harness. */
class AttributeFlowsStreamingTest {
    private static final long T0 = 1_700_000_000L; // epoch seconds
    private static final long HOLD_BACK = 300_000; // five minutes, in millis

    private KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AttributeFlowsStreaming(
                        new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()),
                        new HoldBackSettings(Duration.ofMillis(HOLD_BACK), 1000, Duration.ZERO)),
                flow -> flow.interfaceId, Types.STRING, BroadcastTaskIndex.TASKS);
        harness.open();
        // the index knows a task up to T0 - 60 s
        harness.processBroadcastElement(task("old").ip("10.0.1.9").eni("eni-old").createdAt((T0 - 3600) * 1000)
                .stoppedAt((T0 - 60) * 1000).build(), (T0 - 60) * 1000);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aFlowNewerThanTheMetadataWaitsForItThenIsAttributed() throws Exception {
        harness.processElement(flow().interfaceId("eni-new").from("10.0.1.5").to("52.216.1.1").at(T0).build(),
                T0 * 1000);
        assertThat(harness.extractOutputValues()).isEmpty(); // held: 10.0.1.5 could be a task we have not seen

        harness.processBroadcastElement(task("new").ip("10.0.1.5").eni("eni-new").createdAt((T0 - 30) * 1000).build(),
                T0 * 1000 + 5);
        advance(T0 * 1000 + HOLD_BACK);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(flow -> {
            assertThat(flow.src.task.taskId).isEqualTo("new");
            assertThat(flow.src.attributionLabel()).isEqualTo("eni");
        });
    }

    @Test
    void metadataThatNeverComesReleasesTheFlowAsIndexBehind() throws Exception {
        harness.processElement(flow().interfaceId("eni-x").from("10.0.1.77").to("52.216.1.1").at(T0).build(),
                T0 * 1000);
        advance(T0 * 1000 + HOLD_BACK - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(T0 * 1000 + HOLD_BACK); // the flows moved on, the metadata did not yet
        assertThat(harness.extractOutputValues()).isEmpty();

        advance(T0 * 1000 + HOLD_BACK);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(flow -> assertThat(flow.src.attributionLabel()).isEqualTo("unattributed:index-behind"));
    }

    @Test
    void flowsTheIndexCanAnswerGoOutAtOnce() throws Exception {
        harness.processElement(flow().interfaceId("eni-old").from("10.0.1.9").to("52.216.1.1").at(T0 - 120).build(),
                (T0 - 120) * 1000);
        harness.processElement(flow().interfaceId("eni-y").from("203.0.113.5").to("198.51.100.9").at(T0).build(),
                T0 * 1000); // no task address

        List<EnrichedFlow> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).src.task.taskId).isEqualTo("old");
        assertThat(out.get(1).src.attributionLabel()).isEqualTo("unattributed:never-seen");
    }

    /**
     * Both inputs' watermarks: timers fire once the metadata stream has also moved past (so a flow is never released
     * before the metadata of its time had its chance), or gone idle.
     */
    private void advance(long watermark) throws Exception {
        harness.processBroadcastWatermark(watermark);
        harness.processWatermark(watermark);
    }
}
