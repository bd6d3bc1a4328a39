package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The attribution operators' metrics, in group {@code flowlens}: enriched flows, ends by attribution method
 * ({@code attribution.<method>.ends}), the index's task count and how far it knows (epoch millis), and flows held
 * back for metadata, and threat lists swapped in ({@code threatListReloads}) or kept because a reload failed
 * ({@code threatListReloadFailures}). Enriched flows are an accumulator too ({@link #ENRICHED_FLOWS}), which the job's result and
 * client carry, so a run can report its counts.
 */
public final class AttributionMetrics {
    /** The accumulator of enriched flows. */
    public static final String ENRICHED_FLOWS = "flowlens.enrichedFlows";

    private final Counter flowsOut;
    private final LongCounter enrichedFlows;
    private final Counter heldBack;
    private final Counter threatListReloads;
    private final Counter threatListReloadFailures;
    private final Map<AttributionMethod, Counter> endsByMethod = new EnumMap<>(AttributionMethod.class);

    AttributionMetrics(RuntimeContext context, BroadcastTaskIndex tasks) {
        MetricGroup metrics = context.getMetricGroup().addGroup("flowlens");
        enrichedFlows = context.getLongCounter(ENRICHED_FLOWS);
        flowsOut = metrics.counter("enrichedFlows");
        heldBack = metrics.counter("heldBack");
        threatListReloads = metrics.counter("threatListReloads");
        threatListReloadFailures = metrics.counter("threatListReloadFailures");
        for (AttributionMethod method : AttributionMethod.values()) {
            endsByMethod.put(method, metrics.addGroup("attribution", method.wireName()).counter("ends"));
        }
        metrics.gauge("indexTasks", tasks::taskCount);
        metrics.gauge("indexKnownUntil", tasks::knownUntil);
    }

    /** A flow waits for metadata (streaming only). */
    void heldBack() {
        heldBack.inc();
    }

    void threatListReloaded() {
        threatListReloads.inc();
    }

    void threatListReloadFailed() {
        threatListReloadFailures.inc();
    }

    void counted(EnrichedFlow flow) {
        endsByMethod.get(flow.src.attribution).inc();
        endsByMethod.get(flow.dst.attribution).inc();
        flowsOut.inc();
        enrichedFlows.add(1L);
    }
}
