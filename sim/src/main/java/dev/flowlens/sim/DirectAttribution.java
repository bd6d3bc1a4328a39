package dev.flowlens.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A scenario attributed by the plain-Java path, without Flink: the scenario written as files, the index built from
 * its snapshot and every event before any flow (as {@code flowlens attribute} and the bounded job do), the records
 * read once for the {@link InterfaceEvidence} they hold and then each attributed by {@link FlowAttributor}, and the
 * result scored by the {@link Evaluator}. Fast enough to score many
 * seeds; {@link #main} prints one line per seed.
 */
public final class DirectAttribution {
    private DirectAttribution() {}

    /** Writes the scenario under {@code dir}, attributes it and scores it. */
    public static Evaluation run(SimConfig config, Path dir) throws IOException {
        Path scenario = dir.resolve("scenario");
        Path enriched = dir.resolve("enriched.jsonl");
        Files.createDirectories(dir);
        try (BufferedWriter writer = Files.newBufferedWriter(enriched, StandardCharsets.UTF_8);
                JsonGenerator json = new JsonFactory().createGenerator(writer)) {
            json.setRootValueSeparator(null);
            Simulation sim = new Simulation(config);
            new ScenarioWriter(sim, scenario, ScenarioWriter.Layout.LINES).write();
            attribute(sim, scenario, flow -> {
                try {
                    EnrichedFlowJson.write(json, flow);
                    json.flush();
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Evaluator().evaluate(scenario, List.of(enriched));
    }

    /**
     * Gives every record of {@code sim}'s scenario, written to {@code scenario} as lines, attributed to {@code out},
     * in the order of the flow-log file.
     */
    public static void attribute(Simulation sim, Path scenario, Consumer<EnrichedFlow> out) throws IOException {
        long retention = Duration.ofHours(24).toMillis();
        AttributionIndex index = new AttributionIndex(retention);
        TaskStateChangeEvents parser = new TaskStateChangeEvents();
        try {
            parser.parseDescribeTasks(Files.readAllBytes(scenario.resolve("metadata/snapshot.json")), 0L)
                    .forEach(index::apply);
            for (String line : Files.readAllLines(scenario.resolve("metadata/events.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    index.apply(parser.parse(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (InvalidEventException e) {
            throw new IllegalStateException("the simulator wrote a bad event: " + e.getMessage(), e);
        }
        FlowAttributor attributor = new FlowAttributor(index,
                new PeerClassifier(sim.vpcCidrs(), AwsIpRanges.bundled(), Map.of("deny", sim.denyList())),
                new InterfaceEvidence(retention));
        FlowLogFiles files = new FlowLogFiles(sim.format(), ReaderLimits.DEFAULT);
        Path flowLogs = scenario.resolve("flowlogs.log");
        files.read(flowLogs, new RecordConsumer() { // the pre-pass: every record's evidence before any answer
            @Override
            public void record(FlowRecord record) {
                attributor.observe(record);
            }

            @Override
            public void deadLetter(DeadLetter letter) {
                throw new IllegalStateException("the simulator wrote a bad record: " + letter.reason);
            }
        });
        files.read(flowLogs,
                new RecordConsumer() {
                    @Override
                    public void record(FlowRecord record) {
                        if (record.start != null) {
                            index.advanceFlowTime(record.start * 1000); // as flowlens attribute does
                        }
                        out.accept(attributor.enrich(record));
                    }

                    @Override
                    public void deadLetter(DeadLetter letter) {
                        throw new IllegalStateException("the simulator wrote a bad record: " + letter.reason);
                    }
                });
    }

    /**
     * {@code DirectAttribution FIRST LAST [DIR [ACCOUNTS]]}: scores seeds FIRST..LAST of the default scenario (with
     * ACCOUNTS accounts, default 1), one line each; with several accounts also the cross-account ends of both joins.
     */
    public static void main(String[] args) throws IOException {
        long first = Long.parseLong(args[0]);
        long last = Long.parseLong(args[1]);
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("flowlens-direct");
        int accounts = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        System.out.println("seed\tcorrect\twrong\tunattributed\tnaive-correct\tnaive-wrong\tnaive-unattributed"
                + (accounts > 1 ? "\tcross-account\tnaive-cross-account" : ""));
        long[] totals = new long[accounts > 1 ? 8 : 6];
        for (long seed = first; seed <= last; seed++) {
            Evaluation e = run(SimConfig.defaults().withSeed(seed).withAccounts(accounts),
                    dir.resolve("seed-" + seed));
            long[] row = {e.flowlens.correct(), e.flowlens.wrong(), e.flowlens.unattributed(), e.naive.correct(),
                e.naive.wrong(), e.naive.unattributed(), e.flowlens.crossAccount, e.naive.crossAccount};
            StringBuilder line = new StringBuilder().append(seed);
            for (int i = 0; i < totals.length; i++) {
                line.append('\t').append(row[i]);
                totals[i] += row[i];
            }
            System.out.println(line);
        }
        StringBuilder line = new StringBuilder("total");
        for (long total : totals) {
            line.append('\t').append(total);
        }
        System.out.println(line);
    }
}
