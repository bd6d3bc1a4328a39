package dev.flowlens.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.jobs.kit.kafka.EnrichedFlowAvroEncoder;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.sim.DirectAttribution;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kafka sink's two message formats side by side (`sinks.kafka.format`): flows encoded per second, one thread,
 * over the enriched flows of a simulated scenario, each encoded as the sink encodes it (JSON through Jackson's
 * generator into a fresh buffer; Avro through {@link EnrichedFlowAvroEncoder}). {@code main} prints the bytes per
 * message of each, and gzip's ratio over a batch of each (what Kafka's own batch compression sees). Run:
 * {@code java -jar bench/target/benchmarks.jar KafkaFormatBenchmark} and
 * {@code java -cp bench/target/benchmarks.jar dev.flowlens.bench.KafkaFormatBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class KafkaFormatBenchmark {
    private List<EnrichedFlow> flows;
    private int next;
    private JsonFactory json;
    private EnrichedFlowAvroEncoder avro;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        flows = simulatedFlows(30, 42);
        json = new JsonFactory();
        avro = new EnrichedFlowAvroEncoder();
    }

    @Benchmark
    public byte[] json() throws IOException {
        return json(json, flows.get(next++ % flows.size()));
    }

    @Benchmark
    public byte[] avro() {
        return avro.encode(flows.get(next++ % flows.size()));
    }

    /** As the sink's JSON serializer does: one generator over a fresh buffer per message. */
    static byte[] json(JsonFactory factory, EnrichedFlow flow) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = factory.createGenerator(bytes)) {
            EnrichedFlowJson.write(generator, flow);
        }
        return bytes.toByteArray();
    }

    /** The enriched flows of the default scenario for {@code minutes} and {@code seed}, attributed in plain Java. */
    static List<EnrichedFlow> simulatedFlows(int minutes, long seed) throws IOException {
        Path dir = Files.createTempDirectory("kafka-format-bench");
        Simulation simulation = new Simulation(SimConfig.defaults().withDuration(minutes).withSeed(seed));
        new ScenarioWriter(simulation, dir, ScenarioWriter.Layout.LINES).write();
        List<EnrichedFlow> flows = new ArrayList<>();
        DirectAttribution.attribute(simulation, dir, flows::add);
        return flows;
    }

    /** Bytes per message in each format, and after gzip over all messages of a format. */
    public static void main(String[] args) throws IOException {
        List<EnrichedFlow> flows = simulatedFlows(30, 42);
        JsonFactory factory = new JsonFactory();
        EnrichedFlowAvroEncoder avro = new EnrichedFlowAvroEncoder();
        ByteArrayOutputStream jsonGzip = new ByteArrayOutputStream();
        ByteArrayOutputStream avroGzip = new ByteArrayOutputStream();
        long jsonBytes = 0;
        long avroBytes = 0;
        try (GZIPOutputStream jsonOut = new GZIPOutputStream(jsonGzip);
                GZIPOutputStream avroOut = new GZIPOutputStream(avroGzip)) {
            for (EnrichedFlow flow : flows) {
                byte[] j = json(factory, flow);
                byte[] a = avro.encode(flow);
                jsonBytes += j.length;
                avroBytes += a.length;
                jsonOut.write(j);
                avroOut.write(a);
            }
        }
        System.out.printf("%,d enriched flows (default scenario, 30 min, seed 42)%n", flows.size());
        System.out.printf("json: %,.1f bytes/message, %,.1f bytes/message gzipped%n",
                jsonBytes / (double) flows.size(), jsonGzip.size() / (double) flows.size());
        System.out.printf("avro: %,.1f bytes/message, %,.1f bytes/message gzipped (%.2fx json, %.2fx gzipped)%n",
                avroBytes / (double) flows.size(), avroGzip.size() / (double) flows.size(),
                avroBytes / (double) jsonBytes, avroGzip.size() / (double) jsonGzip.size());
    }
}
