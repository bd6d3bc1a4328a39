package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.enrich.operators.AttributeFlowLogFiles;
import dev.flowlens.jobs.enrich.operators.AttributeFlows;
import dev.flowlens.jobs.enrich.operators.AttributeFlowsStreaming;
import dev.flowlens.jobs.enrich.operators.BroadcastTaskIndex;
import dev.flowlens.jobs.enrich.operators.InterfaceKey;
import dev.flowlens.jobs.enrich.operators.ParseTaskEvent;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.CountDeadLetters;
import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.jobs.kit.EventTime;
import dev.flowlens.jobs.kit.kafka.KafkaMessage;
import dev.flowlens.jobs.kit.serializers.FlowRecordTypeInfo;
import dev.flowlens.jobs.kit.sqs.QueueMessage;
import dev.flowlens.jobs.readers.AnnouncedObjects;
import dev.flowlens.jobs.readers.FirstAnnouncement;
import dev.flowlens.jobs.readers.ReadFlowLogFile;
import dev.flowlens.jobs.readers.ReadFlowLogMessage;
import dev.flowlens.jobs.readers.ReadS3Object;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The enrichment job's topology, built by one method from its inputs and a sink applier, so that tests and
 * production differ only in what they plug in: flow-log records come from files or Kafka messages, task metadata
 * (events, snapshots, reconciliations) is broadcast to every subtask, both ends of every flow are attributed;
 * enriched flows and every dead letter go to the sinks. Bounded inputs attribute at once (BATCH mode reads the
 * metadata first); unbounded ones run on event time and hold back flows newer than the metadata.
 */
public final class EnrichmentTopology {
    /** Where the job's outputs go. */
    public interface Sinks {
        void enriched(DataStream<EnrichedFlow> flows);

        void deadLetters(DataStream<DeadLetter> deadLetters);
    }

    private EnrichmentTopology() {}

    /** Flow-log input: records already parsed (with what could not be), or files the attribution reads itself. */
    public sealed interface FlowInput {
        /** Parsed flow-log records and the inputs that could not be parsed. */
        record Records(DataStream<FlowRecord> records, DataStream<DeadLetter> rejects) implements FlowInput {}

        /** Paths of flow-log files (any kind the readers detect), and the format of files without a header. */
        record Files(DataStream<String> paths, String format) implements FlowInput {}
    }

    /** Flow-log files (paths; any kind the readers detect). */
    public static FlowInput readFiles(DataStream<String> files, String format) {
        return new FlowInput.Files(files, format);
    }

    /** Flow-log files as records, read by their own operator (for inputs that must be keyed before attribution). */
    private static FlowInput.Records parse(FlowInput.Files files) {
        SingleOutputStreamOperator<FlowRecord> records = files.paths().process(new ReadFlowLogFile(files.format()))
                .uid("read-flow-log-files").name("read flow-log files");
        return new FlowInput.Records(records, records.getSideOutput(DeadLetters.TAG));
    }

    /** Kafka messages of flow logs (plain lines, CloudWatch Logs payloads, S3 event notifications) as records. */
    public static FlowInput.Records readMessages(DataStream<KafkaMessage> messages, String format, AwsSettings aws) {
        SingleOutputStreamOperator<FlowRecord> records = messages.process(new ReadFlowLogMessage(format, aws))
                .uid("read-flow-log-messages").name("read flow-log messages");
        return new FlowInput.Records(records, records.getSideOutput(DeadLetters.TAG));
    }

    /**
     * SQS messages of S3 event notifications as the records of the objects they announce, each object read once:
     * the announcements are keyed by the object's identity and every one after the first is dropped for
     * {@code deduplicationTtl}, whichever reader received it (S3 notifies at least once, SQS redelivers).
     */
    public static FlowInput.Records readQueueMessages(DataStream<QueueMessage> messages, String format,
            AwsSettings aws, Duration deduplicationTtl) {
        SingleOutputStreamOperator<S3ObjectRef> announced = messages.process(new AnnouncedObjects())
                .uid("announced-objects").name("objects announced on SQS");
        SingleOutputStreamOperator<FlowRecord> records = announced
                .keyBy(FirstAnnouncement::key, Types.STRING)
                .process(new FirstAnnouncement(deduplicationTtl))
                .uid("first-announcement").name("skip objects announced before")
                .process(new ReadS3Object(format, aws))
                .uid("read-announced-objects").name("read announced S3 objects");
        return new FlowInput.Records(records,
                announced.getSideOutput(DeadLetters.TAG).union(records.getSideOutput(DeadLetters.TAG)));
    }

    /** S3 flow-log objects as records; objects are spread over the readers, since one may be large. */
    public static FlowInput.Records readS3Objects(DataStream<S3ObjectRef> objects, String format, AwsSettings aws) {
        SingleOutputStreamOperator<FlowRecord> records = objects.rebalance()
                .process(new ReadS3Object(format, aws))
                .uid("read-s3-objects").name("read S3 flow-log objects");
        return new FlowInput.Records(records, records.getSideOutput(DeadLetters.TAG));
    }

    /**
     * @param flows flow-log input, from {@link #readFiles}, {@link #readMessages}, {@link #readQueueMessages} or
     *     {@link #readS3Objects}
     * @param taskEvents ECS Task State Change events as JSON text, or {@code null} for none
     * @param observedTasks task observations already parsed (a DescribeTasks snapshot, reconciliations), or
     *     {@code null} for none
     */
    public static void build(FlowInput flows, DataStream<String> taskEvents, DataStream<TaskState> observedTasks,
            EnrichmentSettings settings, Sinks sinks) {
        if (taskEvents == null && observedTasks == null) {
            throw new IllegalArgumentException("no task metadata: give task events, a snapshot or both");
        }
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        DataStream<TaskState> tasks = observedTasks;
        if (taskEvents != null) {
            // Metadata is little and its order matters (how far it is complete is judged by its newest time), so it
            // stays on one subtask until it is broadcast.
            SingleOutputStreamOperator<TaskState> events = taskEvents
                    .process(new ParseTaskEvent(settings.eventsSource())).setParallelism(1)
                    .uid("parse-task-events").name("parse task events");
            tasks = tasks == null ? events : tasks.union(events);
            deadLetters.add(events.getSideOutput(DeadLetters.TAG));
        }
        if (settings.exports() != null && !settings.exports().isEmpty()) {
            AccountExports exports = settings.exports();
            tasks = tasks.map(exports::fill).returns(TaskState.class).setParallelism(1)
                    .uid("task-security-groups").name("security groups from account exports");
        }
        EnrichmentSettings.Streaming streaming = settings.streaming();
        SingleOutputStreamOperator<EnrichedFlow> enriched;
        if (streaming == null && flows instanceof FlowInput.Files files) {
            enriched = files.paths()
                    .rebalance()
                    .connect(tasks.broadcast(BroadcastTaskIndex.TASKS))
                    .process(new AttributeFlowLogFiles(files.format(), settings.index()))
                    .uid("attribute-flow-log-files").name("read and attribute flow-log files");
            deadLetters.add(enriched.getSideOutput(DeadLetters.TAG));
        } else {
            FlowInput.Records records = flows instanceof FlowInput.Files files ? parse(files)
                    : (FlowInput.Records) flows;
            deadLetters.add(records.rejects());
            if (streaming == null) {
                enriched = records.records()
                        .connect(tasks.broadcast(BroadcastTaskIndex.TASKS))
                        .process(new AttributeFlows(settings.index()))
                        .uid("attribute-flows").name("attribute flows");
            } else {
                BroadcastStream<TaskState> metadata = tasks
                        .assignTimestampsAndWatermarks(EventTime.tasks(
                                streaming.holdBack().metadataOutOfOrderness(), streaming.idleness()))
                        .setParallelism(1).uid("task-event-time").name("task event time")
                        .broadcast(BroadcastTaskIndex.TASKS);
                enriched = records.records()
                        .assignTimestampsAndWatermarks(EventTime.flows(streaming.flowOutOfOrderness(),
                                streaming.idleness()))
                        // the keyed edge below carries every flow: explicit binary, not reflective POJO fields
                        .returns(FlowRecordTypeInfo.INSTANCE)
                        .uid("flow-event-time").name("flow event time")
                        .keyBy(new InterfaceKey())
                        .connect(metadata)
                        .process(new AttributeFlowsStreaming(settings.index(), streaming.holdBack()))
                        .uid("attribute-flows-held-back").name("attribute flows (held back for metadata)");
            }
        }
        sinks.enriched(enriched);
        DataStream<DeadLetter> allDeadLetters = deadLetters.get(0);
        for (DataStream<DeadLetter> more : deadLetters.subList(1, deadLetters.size())) {
            allDeadLetters = allDeadLetters.union(more);
        }
        sinks.deadLetters(allDeadLetters.map(new CountDeadLetters()).uid("count-dead-letters")
                .name("count dead letters"));
    }
}
