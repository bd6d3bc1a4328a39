package dev.flowlens.jobs.enrich;

import dev.flowlens.jobs.enrich.operators.AttributionMetrics;
import dev.flowlens.jobs.kit.CountDeadLetters;
import java.util.Map;

/**
 * What an enrichment run wrote, from its accumulators: enriched flows (every flow-log record read is one) and dead
 * letters (of flow logs and of task metadata).
 */
public record EnrichmentCounts(long enrichedFlows, long deadLetters) {
    /** From a job's accumulators: its result's at the end, its client's while it runs. */
    public static EnrichmentCounts of(Map<String, Object> accumulators) {
        return new EnrichmentCounts(count(accumulators, AttributionMetrics.ENRICHED_FLOWS),
                count(accumulators, CountDeadLetters.DEAD_LETTERS));
    }

    /** An accumulator no subtask registered (no flow reached attribution) counts 0. */
    private static long count(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
