package dev.flowlens.jobs.detect;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.jobs.detect.operators.DetectAnomalies;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.alert.Alert;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The detection topology: enriched flows, seen from each task end, keyed by service, through the detectors, to the
 * alert outputs. Built by one method from its input and a sink applier, so tests plug in collecting sinks.
 */
public final class DetectionTopology {
    /** Where alerts go. */
    public interface Sinks {
        void alerts(DataStream<Alert> alerts);
    }

    private DetectionTopology() {}

    /**
     * @param flows enriched flows; while streaming they carry event time and watermarks
     * @param bounded a bounded (BATCH) run: flows get their capture window's start as timestamp, so each service's
     *     flows reach the detectors sorted by time
     * @param lateness bounded runs: how far behind a service's newest flow its clock runs
     */
    public static DataStream<Alert> build(DataStream<EnrichedFlow> flows, DetectionSettings settings, boolean bounded,
            Duration lateness, Sinks sinks) {
        DataStream<TaskFlow> sides = flows
                .flatMap((EnrichedFlow flow, org.apache.flink.util.Collector<TaskFlow> out) ->
                        TaskFlow.sides(flow).forEach(out::collect))
                .returns(TaskFlow.class)
                .uid("detect-task-sides").name("flows from each task's side");
        if (bounded) {
            sides = sides.assignTimestampsAndWatermarks(WatermarkStrategy.<TaskFlow>noWatermarks()
                            .withTimestampAssigner((side, previous) -> side.startTime() * 1000))
                    .uid("detect-event-time").name("detection event time");
        }
        SingleOutputStreamOperator<Alert> alerts = sides
                .keyBy(side -> side.serviceKey)
                .process(new DetectAnomalies(settings, lateness.toSeconds(), bounded))
                .uid("detect-anomalies").name("detect anomalies");
        sinks.alerts(alerts);
        return alerts;
    }
}
