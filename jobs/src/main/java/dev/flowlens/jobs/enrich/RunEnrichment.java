package dev.flowlens.jobs.enrich;

import static dev.flowlens.jobs.enrich.EnrichmentOptions.*;

import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.enrich.peer.ThreatList;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.detect.AlertSinkOptions;
import dev.flowlens.jobs.detect.DetectionOptions;
import dev.flowlens.jobs.detect.WithDetection;
import dev.flowlens.jobs.enrich.operators.HoldBackSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.enrich.operators.ReconcileTasks;
import dev.flowlens.jobs.enrich.operators.ThreatListLocations;
import dev.flowlens.jobs.kit.AwsOptions;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.kit.kafka.EnrichedFlowFormat;
import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.jobs.kit.kafka.KafkaMessage;
import dev.flowlens.jobs.kit.sqs.QueueMessage;
import dev.flowlens.jobs.kit.sqs.SqsSource;
import dev.flowlens.jobs.readers.FlowLogSources;
import dev.flowlens.schemas.TaskState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the enrichment topology from a {@link JobConfig} of {@link EnrichmentOptions}: flow logs from a directory,
 * Kafka, SQS or an S3 backfill; task metadata from events (file, Kafka or SQS), a snapshot and the reconciler;
 * enriched flows to JSON lines, Parquet and/or Kafka, dead letters to files.
 */
public final class RunEnrichment {
    private RunEnrichment() {}

    private static final Logger LOG = LoggerFactory.getLogger(RunEnrichment.class);

    public static JobExecutionResult run(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        return run(env, config, LOG::warn);
    }

    /** Runs the job; what {@link EnrichmentPreflight} finds suspicious goes to {@code warnings} first. */
    public static JobExecutionResult run(StreamExecutionEnvironment env, JobConfig config, Consumer<String> warnings)
            throws Exception {
        define(env, config, warnings);
        return env.execute("flowlens enrichment");
    }

    /** {@link #define(StreamExecutionEnvironment, JobConfig, Consumer)}, warnings logged. */
    public static void define(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        define(env, config, LOG::warn);
    }

    /**
     * Builds the job on {@code env}. Bounded inputs (a directory, a bounded Kafka read, an S3 backfill) run in BATCH
     * mode; an unbounded Kafka topic, an SQS queue or a watched directory runs in STREAMING mode on event time with
     * checkpoints, which commit the sinks. The inputs, sinks and brokers are checked first
     * ({@link EnrichmentPreflight}), on whichever machine defines the job: a job that fails later may have committed
     * part of its output.
     */
    public static void define(StreamExecutionEnvironment env, JobConfig config, Consumer<String> warnings)
            throws Exception {
        EnrichmentPreflight.check(config).forEach(warnings);
        env.configure(Configuration.fromMap(config.flinkOptions()));
        String format = config.get(FORMAT);
        FlowLogFormat.parse(format); // fail early, with the field named
        String source = config.get(SOURCE);
        boolean streaming = source.equals("sqs")
                || source.equals("kafka") && !config.get(KAFKA_BOUNDED)
                || source.equals("directory") && config.isSet(WATCH_INTERVAL);
        AwsSettings aws = AwsOptions.settings(config);
        EnrichmentSettings settings = new EnrichmentSettings(format, eventsSource(config),
                new IndexSettings(config.get(RETENTION), config.get(VPC_CIDRS), threatLists(config, aws),
                        config.get(THREAT_LISTS_REFRESH), aws))
                .withExports(AccountExports.read(
                        config.isSet(NETWORK_INTERFACES) ? Path.of(config.get(NETWORK_INTERFACES)) : null,
                        config.isSet(SERVICES) ? Path.of(config.get(SERVICES)) : null));
        if (streaming) {
            RuntimeModes.streaming(env, config);
            settings = settings.withStreaming(new EnrichmentSettings.Streaming(
                    new HoldBackSettings(config.get(HOLD_BACK), config.get(MAX_HELD_PER_INTERFACE),
                            config.get(METADATA_OUT_OF_ORDERNESS)),
                    config.get(FLOW_LOGS_OUT_OF_ORDERNESS), config.get(IDLENESS)));
        } else {
            RuntimeModes.bounded(env);
        }

        EnrichmentTopology.FlowInput flows = flowInput(env, config, source, streaming, format, aws);
        DataStream<TaskState> observed = TaskMetadata.snapshot(env,
                config.isSet(SNAPSHOT) ? Path.of(config.get(SNAPSHOT)) : null);
        if (config.isSet(RECONCILE_INTERVAL)) {
            if (!streaming) {
                throw new IllegalArgumentException(RECONCILE_INTERVAL.key() + ": reconciling runs with streaming"
                        + " sources only (a bounded job would never end)");
            }
            DataStream<TaskState> reconciled = TaskMetadata.reconciled(env, config.get(RECONCILE_INTERVAL), aws,
                    config.get(AwsOptions.ECS_ENDPOINT), config.get(AwsOptions.EC2_ENDPOINT));
            observed = observed == null ? reconciled : observed.union(reconciled);
        }
        if (config.get(RECONCILE_ONCE)) {
            if (streaming) {
                throw new IllegalArgumentException(RECONCILE_ONCE.key() + ": for bounded runs; a streaming job"
                        + " reconciles every " + RECONCILE_INTERVAL.key() + " instead");
            }
            DataStream<TaskState> reconciled = TaskMetadata.reconciledOnce(env, ReconcileTasks.once(aws,
                    config.get(AwsOptions.ECS_ENDPOINT), config.get(AwsOptions.EC2_ENDPOINT), null));
            observed = observed == null ? reconciled : observed.union(reconciled);
        }
        EnrichmentTopology.Sinks sinks = sinks(config);
        if (config.get(DetectionOptions.ENABLED)) {
            List<String> described = settings.exports() == null ? List.of() : settings.exports().interfaceAddresses();
            sinks = new WithDetection(sinks, DetectionOptions.settings(config, described), !streaming,
                    config.get(DetectionOptions.LATENESS), AlertSinkOptions.from(config));
        }
        EnrichmentTopology.build(flows, taskEvents(env, config, streaming, aws), observed, settings, sinks);
    }

    private static EnrichmentSinks sinks(JobConfig config) {
        EnrichmentSinks.Kafka kafka = null;
        if (config.isSet(SINK_KAFKA.topic())) {
            kafka = new EnrichmentSinks.Kafka(config.required(SINK_KAFKA.bootstrapServers()),
                    config.get(SINK_KAFKA.topic()), config.get(TRANSACTIONAL_ID_PREFIX),
                    config.properties(SINK_KAFKA.properties()),
                    EnrichedFlowFormat.of(KAFKA_FORMAT.key(), config.get(KAFKA_FORMAT)));
        }
        return new EnrichmentSinks(config.get(ENRICHED_JSON), config.get(PARQUET), config.required(DEAD_LETTERS),
                kafka);
    }

    /** The flow-log input of {@code flow-logs.source}. */
    private static EnrichmentTopology.FlowInput flowInput(StreamExecutionEnvironment env, JobConfig config,
            String source, boolean streaming, String format, AwsSettings aws) throws IOException {
        switch (source) {
            case "kafka" -> {
                DataStream<KafkaMessage> messages = env.fromSource(KafkaConnectors.flowLogSource(
                                config.required(FLOW_LOGS_KAFKA.bootstrapServers()),
                                config.required(FLOW_LOGS_KAFKA.topic()), config.get(FLOW_LOGS_KAFKA.groupId()),
                                !streaming, config.properties(FLOW_LOGS_KAFKA.properties())),
                        KafkaConnectors.watermarks(), "flow logs (Kafka)").uid("flow-logs-kafka");
                return EnrichmentTopology.readMessages(messages, format, aws);
            }
            case "directory" -> {
                Path directory = Path.of(config.required(DIRECTORY));
                return EnrichmentTopology.readFiles(streaming
                        ? FlowLogSources.watched(env, directory, config.get(WATCH_INTERVAL))
                        : isEmpty(directory) ? noFiles(env) : FlowLogSources.fileList(env, directory), format);
            }
            case "s3" -> {
                return EnrichmentTopology.readS3Objects(FlowLogSources.s3Backfill(env, config.required(S3_BUCKET),
                        config.get(S3_PREFIX), config.required(S3_ACCOUNT_ID),
                        config.isSet(S3_REGION) ? config.get(S3_REGION) : aws.region(), config.get(S3_HIVE_LAYOUT),
                        config.required(S3_FROM), config.required(S3_UNTIL), aws), format, aws);
            }
            case "sqs" -> {
                SqsSource queue = new SqsSource(config.required(FLOW_LOGS_SQS.queueUrl()), aws,
                        FLOW_LOGS_SQS.settings(config));
                return EnrichmentTopology.readQueueMessages(env.fromSource(queue, WatermarkStrategy.noWatermarks(),
                        "flow-log notifications (SQS)").uid("flow-logs-sqs"), format, aws,
                        config.get(FLOW_LOGS_SQS_DEDUPLICATION_TTL));
            }
            default -> throw new IllegalArgumentException(SOURCE.key() + " must be directory, kafka, s3 or sqs: "
                    + source);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        if (!java.nio.file.Files.isDirectory(directory)) {
            return false;
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(directory)) {
            return walk.noneMatch(java.nio.file.Files::isRegularFile);
        }
    }

    /**
     * No paths, for an empty directory (the preflight has warned): Flink's {@code fromData} of an empty collection
     * fails at run time, so one placeholder is filtered out.
     */
    private static DataStream<String> noFiles(StreamExecutionEnvironment env) {
        return env.fromData(List.of("no files"), Types.STRING).uid("flow-log-files").name("flow-log files (none)")
                .filter(path -> false).uid("no-flow-log-files").name("no flow-log files");
    }

    /** Where task events come from, as dead letters name it: the Kafka topic, the SQS queue or the file. */
    private static String eventsSource(JobConfig config) {
        if (config.isSet(METADATA_KAFKA.topic())) {
            return config.get(METADATA_KAFKA.topic());
        }
        if (config.isSet(METADATA_SQS.queueUrl())) {
            return config.get(METADATA_SQS.queueUrl());
        }
        return config.isSet(EVENTS) ? config.get(EVENTS) : "events";
    }

    /**
     * Task events from a Kafka topic (read on while streaming), an SQS queue (an EventBridge rule's target;
     * streaming only) or a file ({@code metadata.events}); {@code null} for none.
     */
    private static DataStream<String> taskEvents(StreamExecutionEnvironment env, JobConfig config, boolean streaming,
            AwsSettings aws) throws IOException {
        if (config.isSet(METADATA_KAFKA.topic())) {
            return env.fromSource(KafkaConnectors.taskEventSource(config.required(METADATA_KAFKA.bootstrapServers()),
                            config.get(METADATA_KAFKA.topic()), config.get(METADATA_KAFKA.groupId()), !streaming,
                            config.properties(METADATA_KAFKA.properties())),
                    WatermarkStrategy.noWatermarks(), "task events (Kafka)").setParallelism(1).uid("task-events-kafka");
        }
        if (config.isSet(METADATA_SQS.queueUrl())) {
            if (!streaming) {
                throw new IllegalArgumentException(METADATA_SQS.queueUrl().key() + ": a queue is read with streaming"
                        + " sources only (a bounded job would never end)");
            }
            return env.fromSource(new SqsSource(config.get(METADATA_SQS.queueUrl()), aws,
                                    METADATA_SQS.settings(config)),
                            WatermarkStrategy.noWatermarks(), "task events (SQS)")
                    .setParallelism(1).uid("task-events-sqs")
                    .map(QueueMessage::text).setParallelism(1).uid("task-event-text").name("task event text");
        }
        return TaskMetadata.events(env, config.isSet(EVENTS) ? Path.of(config.get(EVENTS)) : null);
    }

    /**
     * The threat lists as they are now, from files or S3; the operators load them again every
     * {@code enrichment.threat-lists-refresh}. One that cannot be read fails the job here, before it starts.
     */
    private static List<ThreatList> threatLists(JobConfig config, AwsSettings aws) {
        if (config.get(THREAT_LISTS_REFRESH).isNegative() || config.get(THREAT_LISTS_REFRESH).isZero()) {
            throw new IllegalArgumentException(THREAT_LISTS_REFRESH.key() + " must be positive (e.g. PT5M): "
                    + config.get(THREAT_LISTS_REFRESH));
        }
        try (ThreatListLocations locations = new ThreatListLocations(aws)) {
            return ThreatLists.load(config.get(THREAT_LISTS), locations);
        } catch (IOException e) {
            throw new IllegalArgumentException(THREAT_LISTS.key() + ": " + e.getMessage(), e);
        }
    }
}
