package dev.flowlens.jobs.enrich.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
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
        harness.processBroadcastElement(task("old", "10.0.1.9", "eni-old", (T0 - 3600) * 1000, (T0 - 60) * 1000),
                (T0 - 60) * 1000);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aFlowNewerThanTheMetadataWaitsForItThenIsAttributed() throws Exception {
        harness.processElement(flow("eni-new", "10.0.1.5", "52.216.1.1", T0), T0 * 1000);
        assertThat(harness.extractOutputValues()).isEmpty(); // held: 10.0.1.5 could be a task we have not seen

        harness.processBroadcastElement(task("new", "10.0.1.5", "eni-new", (T0 - 30) * 1000, null), T0 * 1000 + 5);
        advance(T0 * 1000 + HOLD_BACK);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(flow -> {
            assertThat(flow.src.task.taskId).isEqualTo("new");
            assertThat(flow.src.attributionLabel()).isEqualTo("eni");
        });
    }

    @Test
    void metadataThatNeverComesReleasesTheFlowAsIndexBehind() throws Exception {
        harness.processElement(flow("eni-x", "10.0.1.77", "52.216.1.1", T0), T0 * 1000);
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
        harness.processElement(flow("eni-old", "10.0.1.9", "52.216.1.1", T0 - 120), (T0 - 120) * 1000);
        harness.processElement(flow("eni-y", "203.0.113.5", "198.51.100.9", T0), T0 * 1000); // no task address

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
            expiring.processBroadcastElement(task("kept", "10.0.1.21", "eni-kept", T0 * 1000 - 3 * hour, null),
                    T0 * 1000 - 3 * hour);
            expiring.processBroadcastElement(task("gone", "10.0.1.20", "eni-gone", T0 * 1000 - 3 * hour,
                    T0 * 1000 - 2 * hour), T0 * 1000 - 2 * hour);
            expiring.processElement(flow("eni-gone", "10.0.1.20", "52.216.1.1", T0 - 9000), (T0 - 9000) * 1000);
            assertThat(taskIds(expiring)).containsExactlyInAnyOrder("gone", "kept");

            // Metadata time moves on: "gone" stopped more than the retention before it; "kept" still runs, "next"
            // just stopped.
            expiring.processBroadcastElement(task("next", "10.0.1.22", "eni-next", T0 * 1000 - hour / 2,
                    T0 * 1000), T0 * 1000);
            assertThat(taskIds(expiring)).containsExactlyInAnyOrder("kept", "next");
            // a late record of the same flow, from a time "gone" ran
            expiring.processElement(flow("eni-gone", "10.0.1.20", "52.216.1.1", T0 - 9000), T0 * 1000);

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
            limited.processBroadcastElement(task("old", "10.0.1.9", "eni-old", (T0 - 3600) * 1000, (T0 - 60) * 1000),
                    (T0 - 60) * 1000);
            for (int i = 0; i < 3; i++) {
                limited.processElement(flow("eni-busy", "10.0.1.5", "52.216.1.1", T0 + i), (T0 + i) * 1000);
            }
            limited.processElement(flow("eni-quiet", "10.0.1.6", "52.216.1.1", T0), T0 * 1000); // its own limit

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

    /** A harness of its own (opened), for settings other than those of {@link #setUp}. */
    private static KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness(
            Duration retention, int maxHeldPerInterface) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new AttributeFlowsStreaming(
                        new IndexSettings(retention, List.of("10.0.0.0/16"), Map.of()),
                        new HoldBackSettings(Duration.ofMillis(HOLD_BACK), maxHeldPerInterface, Duration.ZERO)),
                flow -> flow.interfaceId, Types.STRING, BroadcastTaskIndex.TASKS);
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

    private static FlowRecord flow(String eni, String src, String dst, long start) {
        FlowRecord record = new FlowRecord();
        record.version = 2;
        record.interfaceId = eni;
        record.srcAddr = src;
        record.dstAddr = dst;
        record.srcPort = 40000;
        record.dstPort = 443;
        record.protocol = 6;
        record.start = start;
        record.end = start + 59;
        record.action = "ACCEPT";
        record.logStatus = "OK";
        return record;
    }

    private static TaskState task(String id, String ip, String eni, long createdAt, Long stoppedAt) {
        TaskIdentity task = new TaskIdentity();
        task.taskArn = "arn:aws:ecs:us-east-1:111122223333:task/prod/" + id;
        task.taskId = id;
        task.serviceName = "svc";
        task.privateIpv4 = ip;
        task.eniId = eni;
        task.createdAt = createdAt;
        task.stoppedAt = stoppedAt;
        long observed = stoppedAt != null ? stoppedAt : createdAt + 30_000;
        return TaskState.of(task, stoppedAt != null ? 6 : 3, stoppedAt != null ? "STOPPED" : "RUNNING", observed);
    }
}
