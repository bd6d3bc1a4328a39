package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.operators.KafkaMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the enrichment topology from a {@link JobConfig}: flow logs from a directory or a Kafka topic, metadata from
 * an events file and an optional snapshot, enriched flows to JSON lines, Parquet and/or Kafka, dead letters to
 * files. Bounded inputs only for now (BATCH mode).
 */
public final class RunEnrichment {
    private RunEnrichment() {}

    public static JobExecutionResult run(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        bounded(env);
        String format = config.text("flow-logs.format", FlowLogFormat.defaultFormat().toAwsFormatString());
        FlowLogFormat.parse(format); // fail early, with the field named
        EnrichmentSettings settings = new EnrichmentSettings(format, config.text("metadata.events", "events"),
                config.duration("enrichment.retention", Duration.ofHours(24)).toMillis(),
                config.list("enrichment.vpc-cidrs"), ThreatLists.read(threatListFiles(config)));

        EnrichmentTopology.FlowInput flows;
        String source = config.text("flow-logs.source", "directory");
        if (source.equals("kafka")) {
            if (!Boolean.parseBoolean(config.text("flow-logs.kafka.bounded", "true"))) {
                throw new IllegalArgumentException("flow-logs.kafka.bounded: only bounded reads are supported yet");
            }
            DataStream<KafkaMessage> messages = env.fromSource(KafkaConnectors.flowLogSource(
                            config.required("flow-logs.kafka.bootstrap-servers"),
                            config.required("flow-logs.kafka.topic"),
                            config.text("flow-logs.kafka.group-id", "flowlens-enrich"), true,
                            config.kafkaProperties("flow-logs")),
                    KafkaConnectors.watermarks(), "flow logs (Kafka)");
            flows = EnrichmentTopology.readMessages(messages, format);
        } else if (source.equals("directory")) {
            flows = EnrichmentTopology.readFiles(fileList(env, Path.of(config.required("flow-logs.directory"))),
                    format);
        } else {
            throw new IllegalArgumentException("flow-logs.source must be directory or kafka: " + source);
        }

        String events = config.text("metadata.events", null);
        String snapshot = config.text("metadata.snapshot", null);
        FileSinks files = new FileSinks(config.text("sinks.enriched-json", null), config.text("sinks.parquet", null),
                config.required("sinks.dead-letters"));
        EnrichmentTopology.Sinks sinks = config.text("sinks.kafka.topic", null) == null ? files
                : new KafkaSinks(config.required("sinks.kafka.bootstrap-servers"), config.required("sinks.kafka.topic"),
                        config.text("sinks.kafka.transactional-id-prefix", "flowlens-enrich"),
                        config.kafkaProperties("sinks"), files);
        EnrichmentTopology.build(flows, events(env, events == null ? null : Path.of(events)),
                snapshot(env, snapshot == null ? null : Path.of(snapshot)), settings, sinks);
        return env.execute("flowlens enrichment");
    }

    private static Map<String, Path> threatListFiles(JobConfig config) {
        Map<String, Path> files = new LinkedHashMap<>();
        config.map("enrichment.threat-lists").forEach((name, file) -> files.put(name, Path.of(file)));
        return files;
    }

    /** Bounded jobs run in BATCH mode; operators never keep or change what they receive, so objects are reused. */
    static void bounded(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.getConfig().enableObjectReuse();
    }

    /** The paths of a file, or of every file under a directory, as a stream for the file readers. */
    static DataStream<String> fileList(StreamExecutionEnvironment env, Path root) throws IOException {
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

    /** The lines of an events file ({@code null}: none) as a bounded stream. */
    static DataStream<String> events(StreamExecutionEnvironment env, Path file) throws IOException {
        List<String> lines = file == null ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
        return env.fromData(lines, Types.STRING).uid("task-events").name("task events");
    }

    /** The tasks of a DescribeTasks snapshot ({@code null}: none) as a bounded stream. */
    static DataStream<TaskState> snapshot(StreamExecutionEnvironment env, Path file) throws IOException {
        List<TaskState> tasks = List.of();
        if (file != null) {
            try {
                tasks = new TaskStateChangeEvents().parseDescribeTasks(Files.readAllBytes(file), 0L);
            } catch (InvalidEventException e) {
                throw new IOException("snapshot " + file + ": " + e.getMessage(), e);
            }
        }
        return env.fromData(tasks, TypeInformation.of(TaskState.class)).uid("task-snapshot").name("task snapshot");
    }
}
