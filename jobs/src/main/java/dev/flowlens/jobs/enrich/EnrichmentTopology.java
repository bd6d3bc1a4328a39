package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.jobs.operators.AttributeFlows;
import dev.flowlens.jobs.operators.ParseTaskEvent;
import dev.flowlens.jobs.operators.ReadFlowLogFile;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The enrichment job's topology, built by one method from its inputs and a sink applier, so that tests and
 * production differ only in what they plug in: flow-log files are read and parsed, task metadata (events and
 * snapshots) is parsed and broadcast, both ends of every flow are attributed; enriched flows and every dead letter
 * go to the sinks.
 */
public final class EnrichmentTopology {
    /** Where the job's outputs go. */
    public interface Sinks {
        void enriched(DataStream<EnrichedFlow> flows);

        void deadLetters(DataStream<DeadLetter> deadLetters);
    }

    private EnrichmentTopology() {}

    /**
     * @param flowFiles paths of flow-log files (any kind the readers detect)
     * @param taskEvents ECS Task State Change events as JSON text
     * @param snapshotTasks task observations from a DescribeTasks snapshot or reconciliation, already parsed
     */
    public static void build(DataStream<String> flowFiles, DataStream<String> taskEvents,
            DataStream<TaskState> snapshotTasks, EnrichmentSettings settings, Sinks sinks) {
        SingleOutputStreamOperator<FlowRecord> records = flowFiles
                .process(new ReadFlowLogFile(settings.format()))
                .uid("read-flow-logs").name("read flow logs");
        SingleOutputStreamOperator<TaskState> events = taskEvents
                .process(new ParseTaskEvent(settings.eventsSource()))
                .uid("parse-task-events").name("parse task events");
        BroadcastStream<TaskState> metadata = snapshotTasks.union(events).broadcast(AttributeFlows.TASKS);
        SingleOutputStreamOperator<EnrichedFlow> enriched = records
                .keyBy(record -> record.interfaceId == null ? "" : record.interfaceId)
                .connect(metadata)
                .process(new AttributeFlows(settings.retentionMillis(), settings.vpcCidrs(), settings.threatLists()))
                .uid("attribute-flows").name("attribute flows");
        sinks.enriched(enriched);
        sinks.deadLetters(records.getSideOutput(ReadFlowLogFile.DEAD_LETTERS)
                .union(events.getSideOutput(ReadFlowLogFile.DEAD_LETTERS)));
    }
}
