package dev.flowlens.jobs.detect;

import dev.flowlens.jobs.detect.operators.CountAlerts;
import dev.flowlens.jobs.kit.CountDeadLetters;
import java.util.Map;

/**
 * What a detection run wrote, from its accumulators: incidents (alerts opened), alert records (open, updated and
 * closed) and dead letters (messages that held no enriched flow).
 */
public record DetectionCounts(long incidents, long alertRecords, long deadLetters) {
    /** From a job's accumulators: its result's at the end, its client's while it runs. */
    public static DetectionCounts of(Map<String, Object> accumulators) {
        return new DetectionCounts(count(accumulators, CountAlerts.INCIDENTS),
                count(accumulators, CountAlerts.ALERT_RECORDS),
                count(accumulators, CountDeadLetters.DEAD_LETTERS));
    }

    /** An accumulator no subtask registered (nothing reached it) counts 0. */
    private static long count(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
