package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.S3ObjectKey;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.aws.AwsSettings;
import dev.flowlens.jobs.operators.EachTask;
import dev.flowlens.jobs.operators.FilePaths;
import dev.flowlens.jobs.operators.KafkaMessage;
import dev.flowlens.jobs.operators.ListS3Objects;
import dev.flowlens.jobs.operators.ReconcileTasks;
import dev.flowlens.jobs.sqs.QueueMessage;
import dev.flowlens.jobs.sqs.SqsSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the enrichment topology from a {@link JobConfig}: flow logs from a directory or a Kafka topic, task metadata
 * from an events file or Kafka topic and an optional snapshot, enriched flows to JSON lines, Parquet and/or Kafka,
 * dead letters to files.
 */
public final class RunEnrichment {
    private RunEnrichment() {}

    public static JobExecutionResult run(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        define(env, config);
        return env.execute("flowlens enrichment");
    }

    /**
     * Builds the job on {@code env}. Bounded inputs (a directory, a bounded Kafka read, an S3 backfill) run in BATCH
     * mode; an unbounded Kafka topic or an SQS queue runs in STREAMING mode on event time with checkpoints, which
     * commit the sinks.
     */
    public static void define(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        env.configure(Configuration.fromMap(config.flinkOptions()));
        String format = config.text("flow-logs.format", FlowLogFormat.defaultFormat().toAwsFormatString());
        FlowLogFormat.parse(format); // fail early, with the field named
        String source = config.text("flow-logs.source", "directory");
        boolean streaming = source.equals("sqs")
                || source.equals("kafka") && !config.bool("flow-logs.kafka.bounded", true)
                || source.equals("directory") && config.duration("flow-logs.watch-interval", null) != null;
        EnrichmentSettings settings = new EnrichmentSettings(format, eventsSource(config),
                config.duration("enrichment.retention", Duration.ofHours(24)).toMillis(),
                config.list("enrichment.vpc-cidrs"), ThreatLists.read(threatListFiles(config)));
        if (streaming) {
            streaming(env, config);
            settings = settings.withStreaming(new EnrichmentSettings.Streaming(
                    config.duration("enrichment.hold-back", Duration.ofMinutes(5)).toMillis(),
                    config.integer("enrichment.max-held-per-interface", 10_000),
                    config.duration("flow-logs.out-of-orderness", Duration.ofMinutes(10)).toMillis(),
                    config.duration("metadata.out-of-orderness", Duration.ofMinutes(1)).toMillis(),
                    config.duration("enrichment.idleness", Duration.ofMinutes(1)).toMillis()));
        } else {
            bounded(env);
        }

        AwsSettings aws = new AwsSettings(config.text("aws.region", "us-east-1"), config.text("aws.s3.endpoint", null),
                config.bool("aws.s3.path-style", false), config.text("aws.sqs.endpoint", null));
        EnrichmentTopology.FlowInput flows = flowInput(env, config, source, streaming, format, aws);

        String snapshot = config.text("metadata.snapshot", null);
        FileSinks files = new FileSinks(config.text("sinks.enriched-json", null), config.text("sinks.parquet", null),
                config.required("sinks.dead-letters"));
        EnrichmentTopology.Sinks sinks = config.text("sinks.kafka.topic", null) == null ? files
                : new KafkaSinks(config.required("sinks.kafka.bootstrap-servers"), config.required("sinks.kafka.topic"),
                        config.text("sinks.kafka.transactional-id-prefix", "flowlens-enrich"),
                        config.kafkaProperties("sinks"), files);
        DataStream<TaskState> observed = snapshot(env, snapshot == null ? null : Path.of(snapshot));
        Duration reconcileEvery = config.duration("metadata.reconcile.interval", null);
        if (reconcileEvery != null) {
            if (!streaming) {
                throw new IllegalArgumentException("metadata.reconcile.interval: reconciling runs with streaming"
                        + " sources only (a bounded job would never end)");
            }
            DataStream<TaskState> reconciled = reconciled(env, reconcileEvery, aws,
                    config.text("aws.ecs.endpoint", null), config.text("aws.ec2.endpoint", null));
            observed = observed == null ? reconciled : observed.union(reconciled);
        }
        EnrichmentTopology.build(flows, taskEvents(env, config, streaming, aws), observed, settings, sinks);
    }

    /** The flow-log input of {@code flow-logs.source}. */
    private static EnrichmentTopology.FlowInput flowInput(StreamExecutionEnvironment env, JobConfig config,
            String source, boolean streaming, String format, AwsSettings aws) throws IOException {
        if (source.equals("kafka")) {
            DataStream<KafkaMessage> messages = env.fromSource(KafkaConnectors.flowLogSource(
                            config.required("flow-logs.kafka.bootstrap-servers"),
                            config.required("flow-logs.kafka.topic"),
                            config.text("flow-logs.kafka.group-id", "flowlens-enrich"), !streaming,
                            config.kafkaProperties("flow-logs")),
                    KafkaConnectors.watermarks(), "flow logs (Kafka)").uid("flow-logs-kafka");
            return EnrichmentTopology.readMessages(messages, format, aws);
        } else if (source.equals("directory")) {
            Path directory = Path.of(config.required("flow-logs.directory"));
            return EnrichmentTopology.readFiles(streaming
                    ? watched(env, directory, config.duration("flow-logs.watch-interval", null))
                    : fileList(env, directory), format);
        } else if (source.equals("s3")) {
            return EnrichmentTopology.readS3Objects(s3Backfill(env, config, aws), format, aws);
        } else if (source.equals("sqs")) {
            SqsSource queue = new SqsSource(config.required("flow-logs.sqs.queue-url"), aws,
                    sqsSettings(config, "flow-logs"));
            return EnrichmentTopology.readQueueMessages(env.fromSource(queue, WatermarkStrategy.noWatermarks(),
                    "flow-log notifications (SQS)").uid("flow-logs-sqs"), format, aws);
        } else {
            throw new IllegalArgumentException("flow-logs.source must be directory, kafka, s3 or sqs: " + source);
        }
    }

    /**
     * Streaming jobs checkpoint exactly once; sinks commit (Kafka transactions, Parquet files) on checkpoints. Objects
     * are reused as in BATCH mode: no operator changes what it receives, and the one that keeps flows (held back in
     * keyed state) gets them over the network after {@code keyBy}, where each is deserialized fresh.
     */
    public static void streaming(StreamExecutionEnvironment env, JobConfig config) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(config.duration("checkpoints.interval", Duration.ofMinutes(1)).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        String directory = config.text("checkpoints.directory", null);
        if (directory != null) {
            Configuration storage = new Configuration();
            storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
            env.configure(storage);
        }
    }

    /**
     * The flow-log objects of one account and region delivered in {@code [from, until)}: only the days in range are
     * listed (AWS's key layout puts each day under its own prefix), and objects are chosen by their delivery time.
     */
    static DataStream<S3ObjectRef> s3Backfill(StreamExecutionEnvironment env, JobConfig config, AwsSettings aws) {
        Instant from = config.instant("flow-logs.s3.from");
        Instant until = config.instant("flow-logs.s3.until");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("flow-logs.s3.from must be before flow-logs.s3.until");
        }
        String prefix = config.text("flow-logs.s3.prefix", "");
        String account = config.required("flow-logs.s3.account-id");
        String region = config.text("flow-logs.s3.region", aws.region());
        boolean hive = config.bool("flow-logs.s3.hive-layout", false);
        List<String> days = new ArrayList<>();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate();
                !day.isAfter(until.atZone(ZoneOffset.UTC).toLocalDate()); day = day.plusDays(1)) {
            days.add(hive ? S3ObjectKey.hiveDayPrefix(prefix, account, region, day)
                    : S3ObjectKey.dayPrefix(prefix, account, region, day));
        }
        return env.fromData(days, Types.STRING).uid("s3-day-prefixes").name("S3 day prefixes")
                .process(new ListS3Objects(config.required("flow-logs.s3.bucket"), from.toEpochMilli(),
                        until.toEpochMilli(), aws))
                .uid("list-s3-objects").name("list S3 flow-log objects");
    }

    /**
     * Task observations from the ECS and EC2 APIs, one full reconciliation per interval, from one subtask (the APIs
     * are rate-limited per account, so more would only crowd out ECS itself).
     */
    static DataStream<TaskState> reconciled(StreamExecutionEnvironment env, Duration every, AwsSettings aws,
            String ecsEndpoint, String ec2Endpoint) {
        DataGeneratorSource<List<TaskState>> passes = new DataGeneratorSource<>(
                new ReconcileTasks(aws, ecsEndpoint, ec2Endpoint), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1000.0 / every.toMillis()),
                Types.LIST(TypeInformation.of(TaskState.class)));
        return env.fromSource(passes, WatermarkStrategy.noWatermarks(), "ECS reconciliation")
                .setParallelism(1).uid("ecs-reconciliation")
                .flatMap(new EachTask()).setParallelism(1).uid("reconciled-tasks").name("reconciled tasks");
    }

    /** Where task events come from, as dead letters name it: the Kafka topic, the SQS queue or the file. */
    private static String eventsSource(JobConfig config) {
        String topic = config.text("metadata.kafka.topic", null);
        String queue = config.text("metadata.sqs.queue-url", null);
        return topic != null ? topic : queue != null ? queue : config.text("metadata.events", "events");
    }

    /**
     * Task events from a Kafka topic (read on while streaming), an SQS queue (an EventBridge rule's target;
     * streaming only) or a file ({@code metadata.events}); {@code null} for none.
     */
    private static DataStream<String> taskEvents(StreamExecutionEnvironment env, JobConfig config, boolean streaming,
            AwsSettings aws) throws IOException {
        String topic = config.text("metadata.kafka.topic", null);
        String queue = config.text("metadata.sqs.queue-url", null);
        if (topic != null) {
            return env.fromSource(KafkaConnectors.taskEventSource(config.required("metadata.kafka.bootstrap-servers"),
                            topic, config.text("metadata.kafka.group-id", "flowlens-enrich-metadata"), !streaming,
                            config.kafkaProperties("metadata")),
                    WatermarkStrategy.noWatermarks(), "task events (Kafka)").setParallelism(1).uid("task-events-kafka");
        }
        if (queue != null) {
            if (!streaming) {
                throw new IllegalArgumentException("metadata.sqs.queue-url: a queue is read with streaming sources"
                        + " only (a bounded job would never end)");
            }
            return env.fromSource(new SqsSource(queue, aws, sqsSettings(config, "metadata")),
                            WatermarkStrategy.noWatermarks(), "task events (SQS)")
                    .setParallelism(1).uid("task-events-sqs")
                    .map(QueueMessage::text).setParallelism(1).uid("task-event-text").name("task event text");
        }
        String file = config.text("metadata.events", null);
        return events(env, file == null ? null : Path.of(file));
    }

    private static SqsSource.Settings sqsSettings(JobConfig config, String prefix) {
        return new SqsSource.Settings(config.integer(prefix + ".sqs.wait-seconds", 20),
                (int) config.duration(prefix + ".sqs.visibility-timeout", Duration.ofMinutes(10)).toSeconds(),
                config.integer(prefix + ".sqs.remembered-ids", 100_000));
    }

    private static Map<String, Path> threatListFiles(JobConfig config) {
        Map<String, Path> files = new LinkedHashMap<>();
        config.map("enrichment.threat-lists").forEach((name, file) -> files.put(name, Path.of(file)));
        return files;
    }

    /** Bounded jobs run in BATCH mode; operators never keep or change what they receive, so objects are reused. */
    public static void bounded(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.getConfig().enableObjectReuse();
    }

    /** The paths of a file, or of every file under a directory, as a stream for the file readers. */
    public static DataStream<String> fileList(StreamExecutionEnvironment env, Path root) throws IOException {
        List<String> files;
        if (!Files.isDirectory(root)) {
            files = List.of(root.toString());
        } else {
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().map(Path::toString).collect(Collectors.toList());
            }
        }
        return env.fromData(files, Types.STRING).uid("flow-log-files").name("flow-log files");
    }

    /**
     * The paths of the files under {@code directory}, and of every file that appears there later (checked every
     * {@code interval}); each path once, across restarts too (the file source keeps what it handed out).
     */
    static DataStream<String> watched(StreamExecutionEnvironment env, Path directory, Duration interval) {
        FileSource<String> files = FileSource.forBulkFileFormat(new FilePaths(),
                        new org.apache.flink.core.fs.Path(directory.toAbsolutePath().toUri()))
                .monitorContinuously(interval).build();
        return env.fromSource(files, WatermarkStrategy.noWatermarks(), "flow-log files (watched)")
                .uid("flow-log-files-watched");
    }

    /** The lines of an events file as a bounded stream; {@code null} for no file or no lines. */
    public static DataStream<String> events(StreamExecutionEnvironment env, Path file) throws IOException {
        List<String> lines = file == null ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
        // Flink's collection source cannot be empty.
        return lines.isEmpty() ? null : env.fromData(lines, Types.STRING).uid("task-events").name("task events");
    }

    /** The tasks of a DescribeTasks snapshot as a bounded stream; {@code null} for no file or no tasks. */
    public static DataStream<TaskState> snapshot(StreamExecutionEnvironment env, Path file) throws IOException {
        List<TaskState> tasks = List.of();
        if (file != null) {
            try {
                tasks = new TaskStateChangeEvents().parseDescribeTasks(Files.readAllBytes(file), 0L);
            } catch (InvalidEventException e) {
                throw new IOException("snapshot " + file + ": " + e.getMessage(), e);
            }
        }
        return tasks.isEmpty() ? null
                : env.fromData(tasks, TypeInformation.of(TaskState.class)).uid("task-snapshot").name("task snapshot");
    }
}
