package dev.flowlens.jobs.enrich;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.detect.AlertSinkOptions;
import dev.flowlens.jobs.detect.DetectionOptions;
import dev.flowlens.jobs.kit.AwsOptions;
import dev.flowlens.jobs.kit.CheckpointOptions;
import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.kit.kafka.KafkaOptions;
import dev.flowlens.jobs.kit.sqs.SqsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of the enrichment job, declared once: {@link RunEnrichment} reads them, the job's
 * configuration is checked against them, and the README's key table lists exactly these with their defaults.
 */
public final class EnrichmentOptions {
    public static final JobOption<String> FORMAT = JobOption.key("flow-logs.format")
            .text(FlowLogFormat.defaultFormat().toAwsFormatString(),
                    "AWS format string of input without header lines (default: the 14 v2 fields)");
    public static final JobOption<String> SOURCE = JobOption.key("flow-logs.source")
            .text("directory", "directory, kafka, sqs or s3 (above)");
    public static final JobOption<String> DIRECTORY = JobOption.key("flow-logs.directory")
            .text(null, "a file or a directory of flow-log files");
    public static final JobOption<Duration> WATCH_INTERVAL = JobOption.key("flow-logs.watch-interval")
            .duration(null, "watch the directory, checking this often for new files (e.g. PT10S); makes the job"
                    + " streaming (files whose names start with . or _ are skipped)");
    public static final KafkaOptions FLOW_LOGS_KAFKA = KafkaOptions.source("flow-logs", "flow-log messages",
            "flowlens-enrich");
    public static final JobOption<Boolean> KAFKA_BOUNDED = JobOption.key("flow-logs.kafka.bounded")
            .bool(true, "true: read what is in the topic, then finish (BATCH mode); false: stream (STREAMING"
                    + " mode, event time, checkpoints)");
    public static final SqsOptions FLOW_LOGS_SQS = SqsOptions.of("flow-logs", "S3 event notifications");
    public static final JobOption<Duration> FLOW_LOGS_SQS_DEDUPLICATION_TTL = SqsOptions.deduplicationTtl("flow-logs");
    public static final JobOption<String> S3_BUCKET = JobOption.key("flow-logs.s3.bucket")
            .text(null, "the bucket of the flow logs");
    public static final JobOption<String> S3_PREFIX = JobOption.key("flow-logs.s3.prefix")
            .text("", "the prefix before AWSLogs/");
    public static final JobOption<String> S3_ACCOUNT_ID = JobOption.key("flow-logs.s3.account-id")
            .text(null, "whose flow logs");
    public static final JobOption<String> S3_REGION = JobOption.key("flow-logs.s3.region")
            .text(null, "the flow logs' region (default: aws.region)");
    public static final JobOption<Instant> S3_FROM = JobOption.key("flow-logs.s3.from")
            .instant("objects delivered from this instant on (by the file name's stamp)");
    public static final JobOption<Instant> S3_UNTIL = JobOption.key("flow-logs.s3.until")
            .instant("objects delivered before this instant");
    public static final JobOption<Boolean> S3_HIVE_LAYOUT = JobOption.key("flow-logs.s3.hive-layout")
            .bool(false, "true for Hive-compatible keys (aws-account-id=.../year=/month=/day=)");
    public static final JobOption<Duration> FLOW_LOGS_OUT_OF_ORDERNESS = JobOption.key("flow-logs.out-of-orderness")
            .duration(Duration.ofMinutes(10), "streaming: how far out of order records arrive by their start");

    public static final JobOption<String> EVENTS = JobOption.key("metadata.events")
            .text(null, "a file of ECS Task State Change events, one JSON object per line");
    public static final KafkaOptions METADATA_KAFKA = KafkaOptions.source("metadata", "ECS Task State Change events",
            "flowlens-enrich-metadata");
    public static final SqsOptions METADATA_SQS = SqsOptions.of("metadata", "ECS Task State Change events");
    public static final JobOption<String> SNAPSHOT = JobOption.key("metadata.snapshot")
            .text(null, "DescribeTasks output to start the index from");
    public static final JobOption<String> NETWORK_INTERFACES = JobOption.key("metadata.network-interfaces")
            .text(null, "'aws ec2 describe-network-interfaces' output: each task ENI's security groups");
    public static final JobOption<String> SERVICES = JobOption.key("metadata.services")
            .text(null, "'aws ecs describe-services' output: each service's awsvpc security groups, for tasks"
                    + " whose ENI is not described");
    public static final JobOption<Duration> RECONCILE_INTERVAL = JobOption.key("metadata.reconcile.interval")
            .duration(null, "streaming: run the ECS/EC2 reconciler inside the job this often (e.g. PT5M; off"
                    + " when unset)");
    public static final JobOption<Boolean> RECONCILE_ONCE = JobOption.key("metadata.reconcile.once")
            .bool(false, "bounded: read the account's current state from the ECS/EC2 APIs once, before the flows"
                    + " (aws.region, aws.ecs.endpoint, aws.ec2.endpoint; credentials from the SDK's default chain)");
    public static final JobOption<Duration> METADATA_OUT_OF_ORDERNESS = JobOption.key("metadata.out-of-orderness")
            .duration(Duration.ofMinutes(1), "streaming: how far out of order task events arrive; the index is"
                    + " taken as complete only up to its newest observation minus this");

    public static final JobOption<Duration> RETENTION = JobOption.key("enrichment.retention")
            .duration(Duration.ofHours(24), "how long stopped tasks stay in the index");
    public static final JobOption<List<String>> VPC_CIDRS = JobOption.key("enrichment.vpc-cidrs")
            .list("the VPC's CIDRs");
    public static final JobOption<Map<String, String>> THREAT_LISTS = JobOption.key("enrichment.threat-lists")
            .map("NAME: a file or s3://bucket/key of addresses and CIDRs for the list NAME");
    public static final JobOption<Duration> THREAT_LISTS_REFRESH = JobOption.key("enrichment.threat-lists-refresh")
            .duration(Duration.ofMinutes(5), "how often (processing time) the attribution operators check the"
                    + " threat lists for changes (modification time and size, or S3 ETag); a changed list that"
                    + " parses replaces the old one, one that fails to load keeps it");
    public static final JobOption<Duration> HOLD_BACK = JobOption.key("enrichment.hold-back")
            .duration(Duration.ofMinutes(5), "streaming: how long (event time) a flow newer than the metadata"
                    + " waits for it");
    public static final JobOption<Integer> MAX_HELD_PER_INTERFACE = JobOption.key("enrichment.max-held-per-interface")
            .integer(10_000, "streaming: at most this many flows wait per interface; more go out at once");
    public static final JobOption<Duration> IDLENESS = JobOption.key("enrichment.idleness")
            .duration(Duration.ofMinutes(1), "streaming: an input quiet this long stops holding event time back");

    public static final JobOption<String> ENRICHED_JSON = JobOption.key("sinks.enriched-json")
            .text(null, "directory for enriched flows as JSON lines (optional)");
    public static final JobOption<String> PARQUET = JobOption.key("sinks.parquet")
            .text(null, "directory for the Parquet dataset (dt=/hour= partitions; optional); a local path or"
                    + " s3://bucket/prefix");
    public static final JobOption<String> DEAD_LETTERS = JobOption.key("sinks.dead-letters")
            .text(null, "directory for dead letters as JSON lines (required)");
    public static final KafkaOptions SINK_KAFKA = KafkaOptions.sink("sinks", "enriched flows");
    public static final JobOption<String> TRANSACTIONAL_ID_PREFIX = JobOption.key("sinks.kafka.transactional-id-prefix")
            .text("flowlens-enrich", "prefix of the sink's Kafka transactional ids (unique per job)");
    public static final JobOption<String> KAFKA_FORMAT = JobOption.key("sinks.kafka.format")
            .text("json", "json (one JSON object per message, schemas/enriched-flow.md) or avro (Avro single-object"
                    + " encoding, the dataset's columns, schemas/enriched-flow.avsc)");

    /** Every key of the job, in the README's order. */
    public static final List<JobOption<?>> ALL = all();

    private EnrichmentOptions() {}

    private static List<JobOption<?>> all() {
        List<JobOption<?>> all = new ArrayList<>(List.of(FORMAT, SOURCE, DIRECTORY, WATCH_INTERVAL));
        all.addAll(FLOW_LOGS_KAFKA.all());
        all.add(KAFKA_BOUNDED);
        all.addAll(FLOW_LOGS_SQS.all());
        all.add(FLOW_LOGS_SQS_DEDUPLICATION_TTL);
        all.addAll(List.of(S3_BUCKET, S3_PREFIX, S3_ACCOUNT_ID, S3_REGION, S3_FROM, S3_UNTIL, S3_HIVE_LAYOUT,
                FLOW_LOGS_OUT_OF_ORDERNESS, EVENTS));
        all.addAll(METADATA_KAFKA.all());
        all.addAll(METADATA_SQS.all());
        all.addAll(List.of(SNAPSHOT, NETWORK_INTERFACES, SERVICES, RECONCILE_INTERVAL, RECONCILE_ONCE, METADATA_OUT_OF_ORDERNESS, RETENTION,
                VPC_CIDRS,
                THREAT_LISTS, THREAT_LISTS_REFRESH, HOLD_BACK, MAX_HELD_PER_INTERFACE, IDLENESS));
        all.addAll(CheckpointOptions.ALL);
        all.addAll(List.of(ENRICHED_JSON, PARQUET, DEAD_LETTERS));
        all.addAll(SINK_KAFKA.all());
        all.add(TRANSACTIONAL_ID_PREFIX);
        all.add(KAFKA_FORMAT);
        all.addAll(AwsOptions.ALL);
        // a detection: section runs the detectors in the same topology (jobs.detect)
        all.addAll(DetectionOptions.ALL);
        all.addAll(AlertSinkOptions.ALL);
        return List.copyOf(all);
    }
}
