package dev.flowlens.investigate;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.jobs.kit.sinks.EnrichedFlowParquet;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * A simulated scenario attributed as the bounded job does (snapshot and every event before any flow, the account
 * exports' security groups) by the real {@link FlowAttributor}, written by the job's real Parquet writer into the
 * job's {@code dt=YYYY-MM-DD/hour=HH} partitions, two files per partition. The flows stay in memory, so tests compute
 * their expected answers over them in plain Java.
 */
final class SimulatedDataset {
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH")
            .withZone(ZoneOffset.UTC);

    final Path root;
    final List<EnrichedFlow> flows;
    final Instant start;

    private SimulatedDataset(Path root, List<EnrichedFlow> flows, Instant start) {
        this.root = root;
        this.flows = flows;
        this.start = start;
    }

    /** {@code minutes} of the default scenario starting 09:00 UTC, written under {@code dir/parquet}. */
    static SimulatedDataset write(Path dir, int minutes) throws IOException {
        SimConfig config = SimConfig.defaults().withDuration(minutes);
        Simulation sim = new Simulation(config);
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(sim, scenario, ScenarioWriter.Layout.LINES).write();
        AttributionIndex index = new AttributionIndex(Duration.ofHours(24).toMillis());
        AccountExports exports = AccountExports.read(scenario.resolve("metadata/network-interfaces.json"),
                scenario.resolve("metadata/services.json"));
        TaskStateChangeEvents parser = new TaskStateChangeEvents();
        try {
            parser.parseDescribeTasks(Files.readAllBytes(scenario.resolve("metadata/snapshot.json")), 0L)
                    .forEach(state -> index.apply(exports.fill(state)));
            for (String line : Files.readAllLines(scenario.resolve("metadata/events.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    index.apply(exports.fill(parser.parse(line.getBytes(StandardCharsets.UTF_8))));
                }
            }
        } catch (InvalidEventException e) {
            throw new IllegalStateException("the simulator wrote a bad event: " + e.getMessage(), e);
        }
        FlowAttributor attributor = new FlowAttributor(index,
                new PeerClassifier(sim.vpcCidrs(), AwsIpRanges.bundled(), Map.of("deny", sim.denyList())));
        List<EnrichedFlow> flows = new ArrayList<>();
        new FlowLogFiles(sim.format(), ReaderLimits.DEFAULT).read(scenario.resolve("flowlogs.log"),
                new RecordConsumer() {
                    @Override
                    public void record(FlowRecord record) {
                        if (record.start != null) {
                            index.advanceFlowTime(record.start * 1000);
                        }
                        flows.add(attributor.enrich(record));
                    }

                    @Override
                    public void deadLetter(DeadLetter letter) {
                        throw new IllegalStateException("the simulator wrote a bad record: " + letter.reason);
                    }
                });
        Path root = dir.resolve("parquet");
        Map<String, List<EnrichedFlow>> partitions = new TreeMap<>();
        for (EnrichedFlow flow : flows) {
            Long time = flow.record.start != null ? flow.record.start : flow.record.end;
            String partition = time == null ? "dt=unknown/hour=unknown"
                    : PARTITION.format(Instant.ofEpochSecond(time));
            partitions.computeIfAbsent(partition, key -> new ArrayList<>()).add(flow);
        }
        for (Map.Entry<String, List<EnrichedFlow>> partition : partitions.entrySet()) {
            Path folder = Files.createDirectories(root.resolve(partition.getKey()));
            List<EnrichedFlow> rows = partition.getValue();
            write(folder.resolve("flows-0.snappy.parquet"), rows.subList(0, rows.size() / 2));
            write(folder.resolve("flows-1.snappy.parquet"), rows.subList(rows.size() / 2, rows.size()));
        }
        return new SimulatedDataset(root, flows, config.start());
    }

    static void write(Path file, List<EnrichedFlow> rows) throws IOException {
        try (ParquetWriter<EnrichedFlow> writer = EnrichedFlowParquet.builder().createWriter(new LocalOutputFile(file))) {
            for (EnrichedFlow row : rows) {
                writer.write(row);
            }
        }
    }
}
