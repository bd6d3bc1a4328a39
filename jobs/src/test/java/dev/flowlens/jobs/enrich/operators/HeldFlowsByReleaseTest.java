package dev.flowlens.jobs.enrich.operators;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.kit.serializers.FlowRecordSerializer;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The held flows bucketed by release time ({@code held-flows-by-release}): the same flows go out in the same order as
 * the single list of the job before ({@link AttributeFlowsStreamingBeforeBuckets}), the bound per interface holds,
 * a savepoint of that job restores with its held flows, and a snapshot mid-hold restores.
 */
class HeldFlowsByReleaseTest {
    private static final long T0 = 1_700_000_000L; // epoch seconds
    private static final long HOLD_BACK = 300_000; // five minutes, in millis
    private static final int MAX_HELD = 1000;

    @Test
    void dueFlowsGoOutByReleaseTimeThenArrivalAndOnlyThoseDue() throws Exception {
        try (var harness = harness(new AttributeFlowsStreaming(index(), holdBack(MAX_HELD)))) {
            harness.open();
            knownUntil(harness, T0 - 60);
            // one interface, arriving out of time order; none of the addresses is known yet
            long[] starts = {T0 + 20, T0, T0 + 20, T0 + 10, T0, T0 + 30};
            for (int i = 0; i < starts.length; i++) {
                harness.processElement(flowOn("eni-a", 1000 + i, starts[i]), starts[i] * 1000);
            }
            assertThat(harness.extractOutputValues()).isEmpty();

            advance(harness, (T0 + 20) * 1000 + HOLD_BACK);
            // T0's two, in arrival order, then T0+10's, then T0+20's two; T0+30's still waits
            assertThat(ports(harness.extractOutputValues())).containsExactly(1001, 1004, 1003, 1000, 1002);

            advance(harness, (T0 + 30) * 1000 + HOLD_BACK);
            assertThat(ports(harness.extractOutputValues())).containsExactly(1001, 1004, 1003, 1000, 1002, 1005);
        }
    }

    /** Released flows make room again: the count follows the buckets, and the flow beyond it goes out at once. */
    @Test
    void theBoundPerInterfaceCountsWhatIsStillHeld() throws Exception {
        try (var harness = harness(new AttributeFlowsStreaming(index(), holdBack(3)))) {
            harness.open();
            knownUntil(harness, T0 - 60);
            harness.processElement(flowOn("eni-a", 1, T0), T0 * 1000);
            harness.processElement(flowOn("eni-a", 2, T0 + 10), (T0 + 10) * 1000);
            harness.processElement(flowOn("eni-a", 3, T0 + 10), (T0 + 10) * 1000);
            harness.processElement(flowOn("eni-a", 4, T0 + 20), (T0 + 20) * 1000); // beyond 3: at once
            assertThat(ports(harness.extractOutputValues())).containsExactly(4);

            advance(harness, T0 * 1000 + HOLD_BACK); // one out: two held
            harness.processElement(flowOn("eni-a", 5, T0 + 30), (T0 + 30) * 1000); // held: three
            harness.processElement(flowOn("eni-a", 6, T0 + 30), (T0 + 30) * 1000); // beyond 3: at once
            assertThat(ports(harness.extractOutputValues())).containsExactly(4, 1, 6);

            advance(harness, (T0 + 30) * 1000 + HOLD_BACK);
            assertThat(ports(harness.extractOutputValues())).containsExactly(4, 1, 6, 2, 3, 5);
        }
    }

    /**
     * The same random input (several interfaces, arrival out of order, metadata arriving late for some, both
     * watermarks moving in steps) through the job before the buckets and through this one: the same enriched flows
     * in the same order.
     */
    @Test
    void theSameOutputInTheSameOrderAsTheSingleList() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<String> before = run(new AttributeFlowsStreamingBeforeBuckets(index(), holdBack(40)), seed);
            List<String> buckets = run(new AttributeFlowsStreaming(index(), holdBack(40)), seed);
            assertThat(buckets).hasSizeGreaterThan(500).containsExactlyElementsOf(before);
        }
    }

    /**
     * A savepoint of the job before the buckets (its flows held in {@code held-flows}, through Flink's
     * PojoSerializer) restores into this one: the held flows go out as that job would have let them out, once, and
     * the bound still counts them.
     */
    @Test
    void aSavepointOfTheJobBeforeTheBucketsKeepsItsHeldFlows() throws Exception {
        OperatorSubtaskState savepoint;
        List<String> expected;
        try (var before = harness(new AttributeFlowsStreamingBeforeBuckets(index(), holdBack(4)))) {
            before.open();
            holdSome(before);
            savepoint = before.snapshot(1, (T0 + 40) * 1000);
            releaseAll(before);
            expected = json(before.extractOutputValues());
        }
        try (var restored = harness(new AttributeFlowsStreaming(index(), holdBack(4)))) {
            restored.initializeState(savepoint);
            restored.open();
            restored.processElement(flowOn("eni-a", 99, T0 + 25), (T0 + 25) * 1000); // eni-a holds 4: at once
            List<String> atOnce = json(restored.extractOutputValues());
            assertThat(atOnce).hasSize(1);
            releaseAll(restored);
            List<String> out = json(restored.extractOutputValues());
            assertThat(out.subList(1, out.size())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aSnapshotMidHoldRestoresTheBuckets() throws Exception {
        OperatorSubtaskState snapshot;
        List<String> expected;
        try (var uninterrupted = harness(new AttributeFlowsStreaming(index(), holdBack(MAX_HELD)))) {
            uninterrupted.open();
            holdSome(uninterrupted);
            advance(uninterrupted, (T0 + 10) * 1000 + HOLD_BACK); // the first buckets out, others still held
            snapshot = uninterrupted.snapshot(1, (T0 + 40) * 1000);
            releaseAll(uninterrupted);
            expected = json(uninterrupted.extractOutputValues());
            assertThat(expected).hasSize(8);
        }
        try (var restored = harness(new AttributeFlowsStreaming(index(), holdBack(MAX_HELD)))) {
            restored.initializeState(snapshot);
            restored.open();
            releaseAll(restored);
            assertThat(json(restored.extractOutputValues()))
                    .containsExactlyElementsOf(expected.subList(expected.size() - 4, expected.size()));
        }
    }

    @Test
    void heldFlowsAreStateOfTheExplicitSerializer() {
        var descriptor = AttributeFlowsStreaming.HELD_BY_RELEASE;
        descriptor.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(descriptor.getName()).isEqualTo("held-flows-by-release");
        assertThat(((ListSerializer<FlowRecord>) descriptor.getValueSerializer()).getElementSerializer())
                .isSameAs(FlowRecordSerializer.INSTANCE);
        var before = AttributeFlowsStreaming.HELD_BEFORE_BUCKETS;
        before.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(before.getName()).isEqualTo("held-flows");
        assertThat(before.getElementSerializer()).isSameAs(FlowRecordSerializer.INSTANCE);
    }

    /** Eight flows held on two interfaces (four each, over four release times), metadata known up to T0 - 60 s. */
    private static void holdSome(KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> h)
            throws Exception {
        knownUntil(h, T0 - 60);
        int port = 1;
        for (long start : new long[] {T0 + 30, T0, T0 + 20, T0 + 10}) {
            h.processElement(flowOn("eni-a", port++, start), start * 1000);
            h.processElement(flowOn("eni-b", port++, start), start * 1000);
        }
        // the metadata of one of them comes while it waits
        h.processBroadcastElement(task("late").ip("10.0.1.3").eni("eni-a").createdAt((T0 - 30) * 1000).build(),
                T0 * 1000);
    }

    private static void releaseAll(KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> h)
            throws Exception {
        for (long start = T0; start <= T0 + 30; start += 10) {
            advance(h, start * 1000 + HOLD_BACK);
        }
    }

    /** Random traffic on five interfaces with both watermarks moving; the enriched flows as JSON, in order. */
    private static List<String> run(KeyedBroadcastProcessFunction<String, FlowRecord, TaskState, EnrichedFlow> function,
            long seed) throws Exception {
        Random random = new Random(seed);
        try (var h = harness(function)) {
            h.open();
            knownUntil(h, T0 - 60);
            long watermark = T0 * 1000;
            for (int i = 0; i < 1500; i++) {
                int interfaceNumber = random.nextInt(5);
                long start = T0 + i / 5 - random.nextInt(120); // up to two minutes out of order
                h.processElement(flow().interfaceId("eni-" + interfaceNumber)
                        .from("10.0.1." + (1 + random.nextInt(40))).to("52.216.1.1").srcPort(1024 + i)
                        .at(start).build(), start * 1000);
                if (random.nextInt(50) == 0) { // a task starts on one of the addresses
                    int address = 1 + random.nextInt(40);
                    h.processBroadcastElement(task("t" + i).ip("10.0.1." + address).eni("eni-t" + address)
                            .createdAt((start - 30) * 1000).build(), start * 1000);
                }
                if (random.nextInt(40) == 0) {
                    watermark = Math.max(watermark, (start - 60) * 1000 + random.nextInt(2) * HOLD_BACK);
                    advance(h, watermark);
                }
            }
            advance(h, Long.MAX_VALUE);
            return json(h.extractOutputValues());
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness(
            KeyedBroadcastProcessFunction<String, FlowRecord, TaskState, EnrichedFlow> function) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(function,
                List.of(BroadcastTaskIndex.TASKS)), flow -> flow.interfaceId, Types.STRING, 1, 1, 0);
    }

    private static IndexSettings index() {
        return new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of());
    }

    private static HoldBackSettings holdBack(int maxHeldPerInterface) {
        return new HoldBackSettings(Duration.ofMillis(HOLD_BACK), maxHeldPerInterface, Duration.ZERO);
    }

    /** The index knows a task up to {@code second}: flows newer than that wait. */
    private static void knownUntil(KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> h,
            long second) throws Exception {
        h.processBroadcastElement(task("old").ip("10.0.9.9").eni("eni-old").createdAt((second - 3600) * 1000)
                .stoppedAt(second * 1000).build(), second * 1000);
    }

    private static void advance(KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> h,
            long watermark) throws Exception {
        h.processBroadcastWatermark(watermark);
        h.processWatermark(watermark);
    }

    /** A flow on {@code eni} from 10.0.1.(port % 40 + 1), told apart by its source port. */
    private static FlowRecord flowOn(String eni, int port, long start) {
        return flow().interfaceId(eni).from("10.0.1." + (port % 40 + 1)).to("52.216.1.1").srcPort(port)
                .at(start).build();
    }

    private static List<Integer> ports(List<EnrichedFlow> flows) {
        return flows.stream().map(flow -> flow.record.srcPort).toList();
    }

    private static List<String> json(List<EnrichedFlow> flows) {
        List<String> lines = new ArrayList<>();
        for (EnrichedFlow flow : flows) {
            lines.add(EnrichedFlowJson.toJson(flow));
        }
        return lines;
    }
}
