package dev.flowlens.jobs.detect;

import static dev.flowlens.jobs.detect.DetectionJobOptions.*;

import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.jobs.detect.operators.CountAlerts;
import dev.flowlens.jobs.kit.CountDeadLetters;
import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.kit.kafka.EnrichedMessage;
import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.jobs.kit.kafka.UnpackEnrichedMessages;
import dev.flowlens.jobs.kit.sinks.FileSinks;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.alert.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the detection job from a {@link JobConfig} of {@link DetectionJobOptions}: enriched flows read back from the
 * enrichment job's Kafka topic, through the detectors ({@link DetectionTopology}), to the {@code alerts.*} outputs;
 * messages that hold no enriched flow go to the dead-letter files with their topic, partition and offset.
 */
public final class RunDetection {
    private RunDetection() {}

    public static JobExecutionResult run(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        define(env, config);
        return env.execute("flowlens detection");
    }

    /**
     * Builds the job on {@code env}. A bounded read ({@code enriched.kafka.bounded}) runs in BATCH mode and ends when
     * the topic's offsets at start are read; otherwise it streams on event time (the flows' capture-window start,
     * bounded out-of-orderness, idle partitions do not hold it back) with checkpoints, on which the exactly-once
     * Kafka alerts and the files commit.
     *
     * @throws IllegalArgumentException for a configuration that cannot run, naming the key
     * @throws IOException when the ENI export cannot be read
     */
    public static void define(StreamExecutionEnvironment env, JobConfig config) throws IOException {
        env.configure(Configuration.fromMap(config.flinkOptions()));
        boolean bounded = config.get(KAFKA_BOUNDED);
        String deadLetters = config.required(DEAD_LETTERS);
        AlertSinks alertSinks = AlertSinkOptions.from(config);
        if (!alertSinks.any()) {
            throw new IllegalArgumentException("no alert output is configured: set alerts.json, alerts.parquet,"
                    + " alerts.kafka.topic or alerts.webhook.url");
        }
        var settings = DetectionOptions.settings(config, knownAddresses(config));
        if (bounded) {
            RuntimeModes.bounded(env);
        } else {
            RuntimeModes.streaming(env, config);
        }

        DataStream<EnrichedMessage> messages = env.fromSource(KafkaConnectors.enrichedSource(
                        config.required(ENRICHED_KAFKA.bootstrapServers()), config.required(ENRICHED_KAFKA.topic()),
                        config.get(ENRICHED_KAFKA.groupId()), bounded, config.properties(ENRICHED_KAFKA.properties())),
                watermarks(config.get(OUT_OF_ORDERNESS), config.get(IDLENESS)), "enriched flows (Kafka)")
                .uid("enriched-kafka");
        SingleOutputStreamOperator<EnrichedFlow> flows = messages.process(new UnpackEnrichedMessages())
                .uid("unpack-enriched").name("unpack enriched flows");
        FileSinks.deadLetters(flows.getSideOutput(DeadLetters.TAG).map(new CountDeadLetters())
                .uid("count-dead-letters").name("count dead letters"), deadLetters);
        // bounded: DetectionTopology orders each service's flows by time itself; streaming: the watermark does
        DetectionTopology.build(flows, settings, bounded, config.get(DetectionOptions.LATENESS),
                alerts -> alertSinks.alerts(counted(alerts)));
    }

    /**
     * Event time of enriched-flow messages: the flow's capture-window start; a message holding no flow has none
     * ({@code Long.MIN_VALUE}), so a bad message never moves the watermark.
     */
    static WatermarkStrategy<EnrichedMessage> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<EnrichedMessage>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((message, previous) -> message.flow == null || message.flow.record == null
                        || message.flow.record.start == null ? Long.MIN_VALUE : message.flow.record.start * 1000)
                .withIdleness(idleness);
    }

    private static DataStream<Alert> counted(DataStream<Alert> alerts) {
        return alerts.map(new CountAlerts()).uid("count-alerts").name("count alerts");
    }

    /** The described ENIs' addresses: known workloads, never reported as unknown ones. */
    private static List<String> knownAddresses(JobConfig config) throws IOException {
        if (!config.isSet(NETWORK_INTERFACES)) {
            return List.of();
        }
        Path file = Path.of(config.get(NETWORK_INTERFACES));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(NETWORK_INTERFACES.key() + " '" + file + "': " + (Files.exists(file)
                    ? "not a file" : "no such file") + "; give the output of 'aws ec2 describe-network-interfaces'");
        }
        return AccountExports.read(file, null).interfaceAddresses();
    }
}
