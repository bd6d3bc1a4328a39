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
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
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
     * Tasks stopped longer ago than the retention, by the metadata's clock, leave the index and the broadcast state
     * (what a checkpoint keeps); a late flow of one then names no task.
     */
    @Test
    void tasksStoppedLongerAgoThanTheRetentionLeaveIndexAndState() throws Exception {
        long hour = 3_600_000;
        try (var expiring = harness(Duration.ofHours(1), 1000)) {
            expiring.processBroadcastElement(taskHolding("kept", "10.0.1.21", "eni-kept", T0 * 1000 - 3 * hour, null),
                    T0 * 1000 - 3 * hour);
            expiring.processBroadcastElement(taskHolding("gone", "10.0.1.20", "eni-gone", T0 * 1000 - 3 * hour,
                    T0 * 1000 - 2 * hour), T0 * 1000 - 2 * hour);
            expiring.processElement(flowOn("eni-gone", "10.0.1.20", "52.216.1.1", T0 - 9000), (T0 - 9000) * 1000);
            assertThat(taskIds(expiring)).containsExactlyInAnyOrder("gone", "kept");

            // Metadata time moves on: "gone" stopped more than the retention before it; "kept" still runs, "next"
            // just stopped.
            expiring.processBroadcastElement(taskHolding("next", "10.0.1.22", "eni-next", T0 * 1000 - hour / 2,
                    T0 * 1000), T0 * 1000);
            assertThat(taskIds(expiring)).containsExactlyInAnyOrder("kept", "next");
            // a late record of the same flow, from a time "gone" ran
            expiring.processElement(flowOn("eni-gone", "10.0.1.20", "52.216.1.1", T0 - 9000), T0 * 1000);

            List<EnrichedFlow> out = expiring.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(0).src.task.taskId).isEqualTo("gone");
            assertThat(out.get(1).src.task).isNull();
            assertThat(out.get(1).src.attributionLabel()).isEqualTo("unattributed:never-seen");
        }
    }

    /** At most {@code max-held-per-interface} flows wait per interface; the next goes out at once, as it stands. */
    @Test
    void flowsBeyondTheLimitOfAnInterfaceGoOutAtOnce() throws Exception {
        try (var limited = harness(Duration.ofHours(24), 2)) {
            limited.processBroadcastElement(taskHolding("old", "10.0.1.9", "eni-old", (T0 - 3600) * 1000, (T0 - 60) * 1000),
                    (T0 - 60) * 1000);
            for (int i = 0; i < 3; i++) {
                limited.processElement(flowOn("eni-busy", "10.0.1.5", "52.216.1.1", T0 + i), (T0 + i) * 1000);
            }
            limited.processElement(flowOn("eni-quiet", "10.0.1.6", "52.216.1.1", T0), T0 * 1000); // its own limit

            assertThat(limited.extractOutputValues()).singleElement().satisfies(flow -> {
                assertThat(flow.record.start).isEqualTo(T0 + 2);
                assertThat(flow.src.attributionLabel()).isEqualTo("unattributed:index-behind");
            });

            limited.processBroadcastWatermark(T0 * 1000 + HOLD_BACK + 2000);
            limited.processWatermark(T0 * 1000 + HOLD_BACK + 2000);
            assertThat(limited.extractOutputValues()).extracting(flow -> flow.record.interfaceId + "@"
                    + flow.record.start).containsExactlyInAnyOrder("eni-busy@" + T0, "eni-busy@" + (T0 + 1),
                    "eni-busy@" + (T0 + 2), "eni-quiet@" + T0);
        }
    }

    /**
     * An owner whose STOPPED was lost, a successor no metadata names: the successor's own records, seen first, make
     * the peer's flow to the address {@code owner-uncertain}; the evidence is operator state, so it survives a
     * restore from a checkpoint.
     */
    @Test
    void evidenceFromTheSuccessorsInterfaceCountsAndIsCheckpointed() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var first = unopened()) {
            first.open();
            first.processBroadcastElement(taskHolding("stale", "10.0.1.50", "eni-stale", (T0 - 3600) * 1000, null),
                    (T0 - 3600) * 1000);
            first.processBroadcastElement(task("web").service("svc").ip("10.0.2.20").eni("eni-web")
                    .createdAt((T0 - 3600) * 1000).observedAt((T0 + 3600) * 1000).build(), (T0 + 3600) * 1000);
            // the metadata is known until T0 + 1 h: the flows below go out at once
            first.processElement(flowOn("eni-stale", "10.0.1.50", "10.0.2.20", T0 - 1800), (T0 - 1800) * 1000);
            first.processElement(flowOn("eni-successor", "10.0.1.50", "52.216.1.1", T0), T0 * 1000);
            first.processElement(flowOn("eni-web", "10.0.2.20", "10.0.1.50", T0 + 600), (T0 + 600) * 1000);
            EnrichedFlow peers = first.extractOutputValues().get(2);
            assertThat(peers.dst.task).isNull();
            assertThat(peers.dst.attributionLabel()).isEqualTo("unattributed:owner-uncertain");
            assertThat(peers.src.task.taskId).isEqualTo("web");
            checkpoint = first.snapshot(1, (T0 + 600) * 1000);
        }
        try (var restored = unopened()) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(flowOn("eni-web", "10.0.2.20", "10.0.1.50", T0 + 900), (T0 + 900) * 1000);
            restored.processElement(flowOn("eni-web", "10.0.2.20", "10.0.1.50", T0 - 1800), (T0 - 1800) * 1000);
            List<EnrichedFlow> out = restored.extractOutputValues();
            assertThat(out.get(0).dst.attributionLabel()).isEqualTo("unattributed:owner-uncertain");
            assertThat(out.get(1).dst.task.taskId).isEqualTo("stale"); // while its own ENI still recorded it
        }
    }

    /** A harness of its own (opened), for settings other than those of {@link #setUp}. */
    private static KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness(
            Duration retention, int maxHeldPerInterface) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new AttributeFlowsStreaming(
                        new IndexSettings(retention, List.of("10.0.0.0/16"), Map.of()),
                        new HoldBackSettings(Duration.ofMillis(HOLD_BACK), maxHeldPerInterface, Duration.ZERO)),
                flow -> flow.interfaceId, Types.STRING, BroadcastTaskIndex.TASKS);
    }

    /** A harness of {@link #setUp}'s settings, not yet opened, so that it can be restored first. */
    private static KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> unopened()
            throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new AttributeFlowsStreaming(
                        new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()),
                        new HoldBackSettings(Duration.ofMillis(HOLD_BACK), 1000, Duration.ZERO)),
                List.of(BroadcastTaskIndex.TASKS)), flow -> flow.interfaceId, Types.STRING, 1, 1, 0);
    }

    /** The task ids in the broadcast state. */
    private static List<String> taskIds(
            KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (Map.Entry<String, TaskState> entry : harness.getBroadcastState(BroadcastTaskIndex.TASKS)
                .immutableEntries()) {
            ids.add(entry.getValue().identity.taskId);
        }
        return ids;
    }

    /**
     * Both inputs' watermarks: timers fire once the metadata stream has also moved past (so a flow is never released
     * before the metadata of its time had its chance), or gone idle.
     */
    private void advance(long watermark) throws Exception {
        harness.processBroadcastWatermark(watermark);
        harness.processWatermark(watermark);
    }

    /** A task of service {@code svc} holding {@code ip} on {@code eni} from {@code createdAt} (epoch millis). */
    private static TaskState taskHolding(String id, String ip, String eni, long createdAt, Long stoppedAt) {
        return task(id).service("svc").ip(ip).eni(eni).createdAt(createdAt).stoppedAt(stoppedAt).build();
    }

    /** A flow recorded on {@code eni} in the minute from {@code start} (epoch seconds). */
    private static FlowRecord flowOn(String eni, String src, String dst, long start) {
        return flow().interfaceId(eni).from(src).to(dst).at(start).build();
    }
}
