package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Attributes both ends of each flow against the task index. Task observations arrive on the broadcast input and
 * are kept in broadcast state (so a restart restores them); each subtask also keeps them in an
 * {@link AttributionIndex}, rebuilt from that state after a restore. The logic is {@link FlowAttributor}'s.
 *
 * <p>Flows need no keying: every subtask holds the whole index, so they are attributed where they are read, with no
 * shuffle. Run on bounded inputs in BATCH mode: Flink then processes the whole broadcast side before the flows, so
 * every flow sees all the metadata and replays are deterministic. Each flow is observed before it is attributed, so
 * the {@link dev.flowlens.enrich.index.InterfaceEvidence} of the flows this subtask read before counts (not that of
 * flows still to come, nor of other subtasks': {@link AttributeFlowLogFiles} reads a file twice). Unbounded inputs use
 * {@link AttributeFlowsStreaming}, which holds back flows newer than the metadata.
 */
public final class AttributeFlows extends BroadcastProcessFunction<FlowRecord, TaskState, EnrichedFlow> {
    private final BroadcastTaskIndex tasks;
    private transient AttributionMetrics metrics;

    public AttributeFlows(IndexSettings settings) {
        this.tasks = new BroadcastTaskIndex(settings);
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = new AttributionMetrics(getRuntimeContext(), tasks);
        tasks.open(metrics);
    }

    @Override
    public void processBroadcastElement(TaskState task, Context context, Collector<EnrichedFlow> out)
            throws Exception {
        tasks.apply(context.getBroadcastState(BroadcastTaskIndex.TASKS), task);
    }

    @Override
    public void processElement(FlowRecord flow, ReadOnlyContext context, Collector<EnrichedFlow> out)
            throws Exception {
        tasks.refreshThreatLists(context.currentProcessingTime());
        FlowAttributor attributor = tasks.attributor(context.getBroadcastState(BroadcastTaskIndex.TASKS));
        attributor.observe(flow);
        EnrichedFlow enriched = attributor.enrich(flow);
        metrics.counted(enriched);
        out.collect(enriched);
    }

    @Override
    public void close() throws Exception {
        tasks.close();
        super.close();
    }
}
