package dev.flowlens.jobs.kit;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time in streaming jobs: a flow's time is its capture window's {@code start}, a task observation's is when it
 * was observed; both with bounded out-of-orderness, and a quiet input (a Kafka partition with no flow logs, a
 * metadata topic with no task changes) goes idle so it does not stop the other input's watermark.
 */
public final class EventTime {
    private EventTime() {}

    public static WatermarkStrategy<FlowRecord> flows(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<FlowRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((flow, previous) -> flow.start == null ? Long.MIN_VALUE : flow.start * 1000)
                .withIdleness(idleness);
    }

    public static WatermarkStrategy<TaskState> tasks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<TaskState>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((task, previous) -> task.observedAt)
                .withIdleness(idleness);
    }
}
