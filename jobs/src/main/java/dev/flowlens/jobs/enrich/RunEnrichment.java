package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.TaskState;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.operators.KafkaMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        // operators never keep or change what they received, so chained operators may pass objects without copies
        env.getConfig().enableObjectReuse();
        String format = config.text("flow-logs.format", FlowLogFormat.defaultFormat().toAwsFormatString());
        FlowLogFormat.parse(format); // fail early, with the field named
        EnrichmentSettings settings = new EnrichmentSettings(format, config.text("metadata.events", "events"),
                config.duration("enrichment.retention", Duration.ofHours(24)).toMillis(),
                config.list("enrichment.vpc-cidrs"), threatLists(config.map("enrichment.threat-lists")));

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
                    WatermarkStrategy.<KafkaMessage>forBoundedOutOfOrderness(Duration.ofMinutes(15))
                            .withIdleness(Duration.ofMinutes(1)), "flow logs (Kafka)");
            flows = EnrichmentTopology.readMessages(messages, format);
        } else if (source.equals("directory")) {
            flows = EnrichmentTopology.readFiles(env.fromData(files(Path.of(config.required("flow-logs.directory"))),
                    Types.STRING).name("flow-log files"), format);
        } else {
            throw new IllegalArgumentException("flow-logs.source must be directory or kafka: " + source);
        }

        String events = config.text("metadata.events", null);
        String snapshot = config.text("metadata.snapshot", null);
        List<String> eventLines = events == null ? List.of()
                : Files.readAllLines(Path.of(events), StandardCharsets.UTF_8);
        List<TaskState> snapshotTasks = snapshot == null ? List.of() : snapshot(Path.of(snapshot));

        FileSinks files = new FileSinks(config.text("sinks.enriched-json", null), config.text("sinks.parquet", null),
                config.required("sinks.dead-letters"));
        EnrichmentTopology.Sinks sinks = config.text("sinks.kafka.topic", null) == null ? files
                : new KafkaSinks(config.required("sinks.kafka.bootstrap-servers"), config.required("sinks.kafka.topic"),
                        config.text("sinks.kafka.transactional-id-prefix", "flowlens-enrich"),
                        config.kafkaProperties("sinks"), files);
        EnrichmentTopology.build(flows, env.fromData(eventLines, Types.STRING).name("task events"),
                env.fromData(snapshotTasks, TypeInformation.of(TaskState.class)).name("task snapshot"), settings,
                sinks);
        return env.execute("flowlens enrichment");
    }

    private static Map<String, List<String>> threatLists(Map<String, String> files) throws IOException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (Map.Entry<String, String> list : files.entrySet()) {
            List<String> entries = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(list.getValue()))) {
                String entry = line.replaceFirst("#.*", "").strip();
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
            lists.put(list.getKey(), entries);
        }
        return lists;
    }

    static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of(root.toString());
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().map(Path::toString).collect(Collectors.toList());
        }
    }

    static List<TaskState> snapshot(Path file) throws IOException {
        try {
            return new ArrayList<>(new TaskStateChangeEvents().parseDescribeTasks(Files.readAllBytes(file), 0L));
        } catch (InvalidEventException e) {
            throw new IOException("snapshot " + file + ": " + e.getMessage(), e);
        }
    }
}
