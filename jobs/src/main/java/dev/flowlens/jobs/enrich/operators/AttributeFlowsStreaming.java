package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.jobs.kit.serializers.FlowRecordTypeInfo;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The streaming form of {@link AttributeFlows}: a flow whose address could be a task's but is newer than what the
 * index knows is held back in keyed state — keyed by interface, so bounded by the interfaces'
 * traffic — until the watermark of both inputs passes its time plus {@code holdBack}; then it is attributed
 * with whatever the index knows by then, and goes out as {@code unattributed:index-behind} if the metadata never
 * came. Everything else goes out at once. At most {@code maxHeldPerInterface} flows wait per interface; beyond that they
 * go out at once. Tasks stopped longer ago than the retention leave the index and the broadcast state.
 *
 * <p>Held flows are bucketed by their release time ({@code held-flows-by-release}: the time of the timer that
 * releases them, to the list of flows in arrival order), so a timer reads and removes its own bucket only: a release
 * costs the flows due, not the flows held (up to {@code maxHeldPerInterface}). Jobs before the buckets kept one list
 * per interface ({@code held-flows}); a savepoint of one still restores: the first timer of an interface after the
 * restore moves that list into buckets. Both hold {@link FlowRecord}s through {@link FlowRecordTypeInfo}, as the
 * keyed edge into this operator does; the old list's {@code PojoSerializer} state is migrated to it on restore.
 *
 * <p>Each flow is observed when it arrives, so the {@link InterfaceEvidence} of every flow this subtask has seen
 * counts when a held flow goes out: evidence of interfaces keyed to other subtasks does not (complete at
 * parallelism 1). The evidence is operator state ({@code interface-evidence}, in this operator's fixed uid), bounded
 * per address and by the retention of the metadata's clock.
 */
public final class AttributeFlowsStreaming
        extends KeyedBroadcastProcessFunction<String, FlowRecord, TaskState, EnrichedFlow>
        implements CheckpointedFunction {
    private static final ListStateDescriptor<InterfaceEvidence.Fact> EVIDENCE = new ListStateDescriptor<>(
            "interface-evidence", TypeInformation.of(InterfaceEvidence.Fact.class));

    /** Held flows by release time (the timer's time), each bucket in arrival order. */
    static final MapStateDescriptor<Long, List<FlowRecord>> HELD_BY_RELEASE = new MapStateDescriptor<>(
            "held-flows-by-release", Types.LONG, new ListTypeInfo<>(FlowRecordTypeInfo.INSTANCE));

    /** Held flows of jobs before {@link #HELD_BY_RELEASE}: read once per interface after a restore, then cleared. */
    static final ListStateDescriptor<FlowRecord> HELD_BEFORE_BUCKETS = new ListStateDescriptor<>("held-flows",
            FlowRecordTypeInfo.INSTANCE);

    /** Expiry scans the whole index, so it runs once per this much metadata time. */
    private static final long EXPIRY_INTERVAL_MILLIS = 60_000;

    private final BroadcastTaskIndex tasks;
    private final long holdBackMillis;
    private final int maxHeldPerKey;
    private final long metadataOutOfOrdernessMillis;
    private transient MapState<Long, List<FlowRecord>> held;
    private transient ListState<FlowRecord> heldBeforeBuckets;
    private transient ValueState<Integer> heldCount;
    private transient AttributionMetrics metrics;
    private transient long lastExpiry;
    private transient ListState<InterfaceEvidence.Fact> evidenceState;

    public AttributeFlowsStreaming(IndexSettings index, HoldBackSettings holdBack) {
        this.tasks = new BroadcastTaskIndex(index);
        this.holdBackMillis = holdBack.holdBack().toMillis();
        this.maxHeldPerKey = holdBack.maxHeldPerInterface();
        this.metadataOutOfOrdernessMillis = holdBack.metadataOutOfOrderness().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getMapState(HELD_BY_RELEASE);
        heldBeforeBuckets = getRuntimeContext().getListState(HELD_BEFORE_BUCKETS);
        heldCount = getRuntimeContext().getState(new ValueStateDescriptor<>("held-count", Types.INT));
        metrics = new AttributionMetrics(getRuntimeContext(), tasks);
        tasks.open(metrics);
        lastExpiry = Long.MIN_VALUE;
    }

    @Override
    public void processBroadcastElement(TaskState task, Context context, Collector<EnrichedFlow> out)
            throws Exception {
        tasks.apply(context.getBroadcastState(BroadcastTaskIndex.TASKS), task);
        long knownUntil = tasks.knownUntil();
        if (lastExpiry == Long.MIN_VALUE || knownUntil - lastExpiry >= EXPIRY_INTERVAL_MILLIS) {
            tasks.expire(context.getBroadcastState(BroadcastTaskIndex.TASKS));
            lastExpiry = knownUntil;
        }
    }

    @Override
    public void processElement(FlowRecord flow, ReadOnlyContext context, Collector<EnrichedFlow> out)
            throws Exception {
        tasks.refreshThreatLists(context.currentProcessingTime());
        FlowAttributor attributor = tasks.attributor(context.getBroadcastState(BroadcastTaskIndex.TASKS));
        attributor.observe(flow);
        EnrichedFlow enriched = attributor.enrich(flow);
        long flowTime = flow.start == null ? Long.MIN_VALUE : flow.start * 1000;
        Integer waiting = heldCount.value();
        int count = waiting == null ? 0 : waiting;
        if (flowTime == Long.MIN_VALUE || count >= maxHeldPerKey
                || !attributor.waitsForMetadata(enriched, metadataOutOfOrdernessMillis)) {
            emit(enriched, out);
            return;
        }
        long release = flowTime + holdBackMillis;
        List<FlowRecord> bucket = held.get(release);
        if (bucket == null) {
            bucket = new ArrayList<>();
        }
        bucket.add(flow);
        held.put(release, bucket);
        heldCount.update(count + 1);
        metrics.heldBack();
        context.timerService().registerEventTimeTimer(release);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EnrichedFlow> out) throws Exception {
        FlowAttributor attributor = tasks.attributor(context.getBroadcastState(BroadcastTaskIndex.TASKS));
        int released = releaseHeldBeforeBuckets(timestamp, attributor, context, out);
        List<FlowRecord> due = held.get(timestamp);
        if (due != null) {
            for (FlowRecord flow : due) {
                emit(attributor.enrich(flow), out);
            }
            held.remove(timestamp);
            released += due.size();
        }
        if (released == 0) {
            return;
        }
        Integer waiting = heldCount.value();
        int left = (waiting == null ? 0 : waiting) - released;
        if (left <= 0) {
            heldCount.clear();
        } else {
            heldCount.update(left);
        }
    }

    /**
     * The flows a job before the buckets held for this interface, if a savepoint of one was restored: those due go
     * out (first: they arrived before any bucketed flow), the others move to the front of their buckets, as the old
     * list's order had them; the list is then cleared, so this reads it once per interface.
     *
     * @return how many went out
     */
    private int releaseHeldBeforeBuckets(long timestamp, FlowAttributor attributor, OnTimerContext context,
            Collector<EnrichedFlow> out) throws Exception {
        Iterable<FlowRecord> before = heldBeforeBuckets.get();
        if (before == null) {
            return 0;
        }
        int released = 0;
        Map<Long, List<FlowRecord>> moved = new LinkedHashMap<>();
        for (FlowRecord flow : before) {
            long release = flow.start * 1000 + holdBackMillis;
            if (release <= timestamp) {
                emit(attributor.enrich(flow), out);
                released++;
            } else {
                moved.computeIfAbsent(release, time -> new ArrayList<>()).add(flow);
            }
        }
        for (Map.Entry<Long, List<FlowRecord>> bucket : moved.entrySet()) {
            List<FlowRecord> later = held.get(bucket.getKey());
            if (later != null) {
                bucket.getValue().addAll(later);
            }
            held.put(bucket.getKey(), bucket.getValue());
            // the old job registered this timer already unless the hold-back changed since; a second is a no-op
            context.timerService().registerEventTimeTimer(bucket.getKey());
        }
        heldBeforeBuckets.clear();
        return released;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        evidenceState = context.getOperatorStateStore().getListState(EVIDENCE);
        if (context.isRestored()) {
            tasks.evidence().restore(evidenceState.get());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        evidenceState.update(tasks.evidence().facts());
    }

    private void emit(EnrichedFlow flow, Collector<EnrichedFlow> out) {
        metrics.counted(flow);
        out.collect(flow);
    }

    @Override
    public void close() throws Exception {
        tasks.close();
        super.close();
    }
}
