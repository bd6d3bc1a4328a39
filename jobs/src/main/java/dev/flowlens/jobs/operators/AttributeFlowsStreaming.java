package dev.flowlens.jobs.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
    private final BroadcastTaskIndex tasks;
    private final long holdBackMillis;
    private final int maxHeldPerKey;
    private transient ListState<FlowRecord> held;

    public AttributeFlowsStreaming(long retentionMillis, long holdBackMillis, int maxHeldPerKey,
            List<String> vpcCidrs, Map<String, List<String>> threatLists) {
        this.tasks = new BroadcastTaskIndex(retentionMillis, vpcCidrs, threatLists);
        this.holdBackMillis = holdBackMillis;
        this.maxHeldPerKey = maxHeldPerKey;
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-flows",
                TypeInformation.of(FlowRecord.class)));
    }

    @Override
    public void processBroadcastElement(TaskState task, Context context, Collector<EnrichedFlow> out)
            throws Exception {
        tasks.apply(context.getBroadcastState(AttributeFlows.TASKS), task);
    }

    @Override
    public void processElement(FlowRecord flow, ReadOnlyContext context, Collector<EnrichedFlow> out)
            throws Exception {
        EnrichedFlow enriched = tasks.attributor(context.getBroadcastState(AttributeFlows.TASKS)).enrich(flow);
        long flowTime = flow.start == null ? Long.MIN_VALUE : flow.start * 1000;
        if (flowTime == Long.MIN_VALUE || !FlowAttributor.waitsForMetadata(enriched)
                || count(held.get()) >= maxHeldPerKey) {
            out.collect(enriched);
            return;
        }
        held.add(flow);
        context.timerService().registerEventTimeTimer(flowTime + holdBackMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EnrichedFlow> out) throws Exception {
        FlowAttributor attributor = tasks.attributor(context.getBroadcastState(AttributeFlows.TASKS));
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

    /** Flink's list state may answer null when empty. */
    private static int count(Iterable<FlowRecord> flows) {
        int n = 0;
        for (FlowRecord ignored : flows == null ? List.<FlowRecord>of() : flows) {
            n++;
        }
        return n;
    }
}
