package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link AttributeFlowsStreaming} as it was before its held flows were bucketed by release time: one
 * {@code held-flows} list per interface, through Flink's PojoSerializer, which every timer reads and rewrites whole.
 * Kept (in tests only) to make the savepoints of that job, to compare outputs with, and as the benchmark's baseline.
 */
public final class AttributeFlowsStreamingBeforeBuckets
        extends KeyedBroadcastProcessFunction<String, FlowRecord, TaskState, EnrichedFlow>
        implements CheckpointedFunction {
    private static final ListStateDescriptor<InterfaceEvidence.Fact> EVIDENCE = new ListStateDescriptor<>(
            "interface-evidence", TypeInformation.of(InterfaceEvidence.Fact.class));

    /** Expiry scans the whole index, so it runs once per this much metadata time. */
    private static final long EXPIRY_INTERVAL_MILLIS = 60_000;

    private final BroadcastTaskIndex tasks;
    private final long holdBackMillis;
    private final int maxHeldPerKey;
    private final long metadataOutOfOrdernessMillis;
    private transient ListState<FlowRecord> held;
    private transient ValueState<Integer> heldCount;
    private transient AttributionMetrics metrics;
    private transient long lastExpiry;
    private transient ListState<InterfaceEvidence.Fact> evidenceState;

    public AttributeFlowsStreamingBeforeBuckets(IndexSettings index, HoldBackSettings holdBack) {
        this.tasks = new BroadcastTaskIndex(index);
        this.holdBackMillis = holdBack.holdBack().toMillis();
        this.maxHeldPerKey = holdBack.maxHeldPerInterface();
        this.metadataOutOfOrdernessMillis = holdBack.metadataOutOfOrderness().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-flows",
                TypeInformation.of(FlowRecord.class)));
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
        held.add(flow);
        heldCount.update(count + 1);
        metrics.heldBack();
        context.timerService().registerEventTimeTimer(flowTime + holdBackMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EnrichedFlow> out) throws Exception {
        FlowAttributor attributor = tasks.attributor(context.getBroadcastState(BroadcastTaskIndex.TASKS));
        List<FlowRecord> waiting = new ArrayList<>();
        Iterable<FlowRecord> all = held.get();
        for (FlowRecord flow : all == null ? List.<FlowRecord>of() : all) {
            if (flow.start * 1000 + holdBackMillis <= timestamp) {
                emit(attributor.enrich(flow), out);
            } else {
                waiting.add(flow);
            }
        }
        if (waiting.isEmpty()) {
            held.clear();
            heldCount.clear();
        } else {
            held.update(waiting);
            heldCount.update(waiting.size());
        }
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
