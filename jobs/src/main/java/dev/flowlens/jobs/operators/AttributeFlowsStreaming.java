package dev.flowlens.jobs.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.UnattributedReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The streaming form of {@link AttributeFlows}: a flow whose address could be a task's but is newer than what the
 * index knows ({@code index-behind}) is held back in keyed state — keyed by interface, so bounded by the interfaces'
 * traffic — until the watermark passes its time plus {@code holdBackMillis}; then it is attributed with whatever the
 * index knows by then, and goes out as {@code unattributed:index-behind} if the metadata never came. Everything
 * else goes out at once. At most {@code maxHeldPerKey} flows wait per interface; beyond that they go out at once.
 */
public final class AttributeFlowsStreaming
        extends KeyedBroadcastProcessFunction<String, FlowRecord, TaskState, EnrichedFlow> {
    private final long retentionMillis;
    private final long holdBackMillis;
    private final int maxHeldPerKey;
    private final List<String> vpcCidrs;
    private final Map<String, List<String>> threatLists;
    private transient AttributionIndex index;
    private transient FlowAttributor attributor;
    private transient PeerClassifier peers;
    private transient ListState<FlowRecord> held;

    public AttributeFlowsStreaming(long retentionMillis, long holdBackMillis, int maxHeldPerKey,
            List<String> vpcCidrs, Map<String, List<String>> threatLists) {
        this.retentionMillis = retentionMillis;
        this.holdBackMillis = holdBackMillis;
        this.maxHeldPerKey = maxHeldPerKey;
        this.vpcCidrs = new ArrayList<>(vpcCidrs);
        this.threatLists = threatLists;
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-flows",
                TypeInformation.of(FlowRecord.class)));
    }

    @Override
    public void processBroadcastElement(TaskState task, Context context, Collector<EnrichedFlow> out)
            throws Exception {
        ensureIndex(context.getBroadcastState(AttributeFlows.TASKS));
        index.apply(task);
        context.getBroadcastState(AttributeFlows.TASKS).put(task.identity.taskArn,
                index.snapshotOf(task.identity.taskArn));
    }

    @Override
    public void processElement(FlowRecord flow, ReadOnlyContext context, Collector<EnrichedFlow> out)
            throws Exception {
        ensureIndex(context.getBroadcastState(AttributeFlows.TASKS));
        EnrichedFlow enriched = attributor.enrich(flow);
        long flowTime = flow.start == null ? Long.MIN_VALUE : flow.start * 1000;
        if (flowTime == Long.MIN_VALUE || !waitsForMetadata(enriched) || count(held.get()) >= maxHeldPerKey) {
            out.collect(enriched);
            return;
        }
        held.add(flow);
        context.timerService().registerEventTimeTimer(flowTime + holdBackMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EnrichedFlow> out) throws Exception {
        ensureIndex(context.getBroadcastState(AttributeFlows.TASKS));
        List<FlowRecord> waiting = new ArrayList<>();
        Iterable<FlowRecord> all = held.get();
        for (FlowRecord flow : all == null ? List.<FlowRecord>of() : all) {
            if (flow.start * 1000 + holdBackMillis <= timestamp) {
                out.collect(attributor.enrich(flow));
            } else {
                waiting.add(flow);
            }
        }
        held.update(waiting);
    }

    /** An end that could be a task's address but is newer than the index: the metadata may be on its way. */
    private boolean waitsForMetadata(EnrichedFlow flow) {
        for (FlowEndpoint end : new FlowEndpoint[] {flow.src, flow.dst}) {
            if (end.unattributedReason == UnattributedReason.INDEX_BEHIND && peers.couldBeTask(end.address)) {
                return true;
            }
        }
        return false;
    }

    /** Flink's list state may answer null when empty. */
    private static int count(Iterable<FlowRecord> flows) {
        int n = 0;
        for (FlowRecord ignored : flows == null ? List.<FlowRecord>of() : flows) {
            n++;
        }
        return n;
    }

    private void ensureIndex(ReadOnlyBroadcastState<String, TaskState> tasks) throws Exception {
        if (index != null) {
            return;
        }
        List<TaskState> restored = new ArrayList<>();
        long knownUntil = Long.MIN_VALUE;
        for (Map.Entry<String, TaskState> entry : tasks.immutableEntries()) {
            restored.add(entry.getValue());
            knownUntil = Math.max(knownUntil, entry.getValue().observedAt);
        }
        index = AttributionIndex.restore(restored, knownUntil, retentionMillis);
        peers = new PeerClassifier(vpcCidrs, AwsIpRanges.bundled(), threatLists);
        attributor = new FlowAttributor(index, peers);
    }
}
