package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.jobs.operators.AttributeFlows;
import dev.flowlens.jobs.operators.KafkaMessage;
import dev.flowlens.jobs.operators.ParseTaskEvent;
import dev.flowlens.jobs.operators.ReadFlowLogFile;
import dev.flowlens.jobs.operators.ReadFlowLogMessage;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The enrichment job's topology, built by one method from its inputs and a sink applier, so that tests and
 * production differ only in what they plug in: flow-log records come from files or Kafka messages, task metadata
 * (events and snapshots) is parsed and broadcast to every subtask, both ends of every flow are attributed;
 * enriched flows and every dead letter go to the sinks.
 */
public final class EnrichmentTopology {
    /** Where the job's outputs go. */
    public interface Sinks {
        void enriched(DataStream<EnrichedFlow> flows);

        void deadLetters(DataStream<DeadLetter> deadLetters);
    }

    private EnrichmentTopology() {}

    /** Parsed flow-log records and the inputs that could not be parsed. */
    public record FlowInput(DataStream<FlowRecord> records, DataStream<DeadLetter> rejects) {}

    /** Flow-log files (paths; any kind the readers detect) as records. */
    public static FlowInput readFiles(DataStream<String> files, String format) {
        SingleOutputStreamOperator<FlowRecord> records = files.process(new ReadFlowLogFile(format))
                .uid("read-flow-log-files").name("read flow-log files");
        return new FlowInput(records, records.getSideOutput(ReadFlowLogFile.DEAD_LETTERS));
    }

    /** Kafka messages of flow logs (plain lines or CloudWatch Logs payloads) as records. */
    public static FlowInput readMessages(DataStream<KafkaMessage> messages, String format) {
        SingleOutputStreamOperator<FlowRecord> records = messages.process(new ReadFlowLogMessage(format))
                .uid("read-flow-log-messages").name("read flow-log messages");
        return new FlowInput(records, records.getSideOutput(ReadFlowLogFile.DEAD_LETTERS));
    }

    /**
     * @param flows parsed flow-log records and rejects, from {@link #readFiles} or {@link #readMessages}
     * @param taskEvents ECS Task State Change events as JSON text
     * @param snapshotTasks task observations from a DescribeTasks snapshot or reconciliation, already parsed
     */
    public static void build(FlowInput flows, DataStream<String> taskEvents, DataStream<TaskState> snapshotTasks,
            EnrichmentSettings settings, Sinks sinks) {
        SingleOutputStreamOperator<TaskState> events = taskEvents
                .process(new ParseTaskEvent(settings.eventsSource()))
                .uid("parse-task-events").name("parse task events");
        BroadcastStream<TaskState> metadata = snapshotTasks.union(events).broadcast(AttributeFlows.TASKS);
        SingleOutputStreamOperator<EnrichedFlow> enriched = flows.records()
                .connect(metadata)
                .process(new AttributeFlows(settings.retentionMillis(), settings.vpcCidrs(), settings.threatLists()))
                .uid("attribute-flows").name("attribute flows");
        sinks.enriched(enriched);
        sinks.deadLetters(flows.rejects().union(events.getSideOutput(ReadFlowLogFile.DEAD_LETTERS)));
    }
}
