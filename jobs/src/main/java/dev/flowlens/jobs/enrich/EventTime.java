package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.schemas.FlowRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time in the streaming job: a flow's time is its capture window's {@code start}, a task observation's is
 * when it was observed; both with bounded out-of-orderness, and a quiet input (a Kafka partition with no flow logs,
 * a metadata topic with no task changes) goes idle so it does not stop the other input's watermark.
 */
final class EventTime {
    private EventTime() {}

    static WatermarkStrategy<FlowRecord> flows(EnrichmentSettings.Streaming streaming) {
        return WatermarkStrategy.<FlowRecord>forBoundedOutOfOrderness(
                        Duration.ofMillis(streaming.flowOutOfOrdernessMillis()))
                .withTimestampAssigner((flow, previous) -> flow.start == null ? Long.MIN_VALUE : flow.start * 1000)
                .withIdleness(Duration.ofMillis(streaming.idlenessMillis()));
    }

    static WatermarkStrategy<TaskState> tasks(EnrichmentSettings.Streaming streaming) {
        return WatermarkStrategy.<TaskState>forBoundedOutOfOrderness(
                        Duration.ofMillis(streaming.metadataOutOfOrdernessMillis()))
                .withTimestampAssigner((task, previous) -> task.observedAt)
                .withIdleness(Duration.ofMillis(streaming.idlenessMillis()));
    }
}
