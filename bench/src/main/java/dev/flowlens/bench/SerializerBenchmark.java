package dev.flowlens.bench;

import dev.flowlens.jobs.kit.serializers.FlowRecordSerializer;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@link FlowRecord} serialized and deserialized as on the keyed edge into the streaming attribution (into a
 * reused buffer, out as a fresh record, as Flink's network stack does without object reuse): Flink's reflective
 * {@code PojoSerializer} (every job before) against {@link FlowRecordSerializer}, over the records of a simulated
 * scenario in the 14-field v2 format and the 27-field v7 format. Records per second, one thread; {@code main} prints
 * the bytes per record of each. Run: {@code java -jar bench/target/benchmarks.jar SerializerBenchmark} and
 * {@code java -cp bench/target/benchmarks.jar dev.flowlens.bench.SerializerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class SerializerBenchmark {
    @Param({"v2", "v7"})
    public String format;

    @Param({"pojo", "explicit"})
    public String serializer;

    private List<FlowRecord> records;
    private TypeSerializer<FlowRecord> typeSerializer;
    private DataOutputSerializer out;
    private DataInputDeserializer in;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        records = simulated(format);
        typeSerializer = serializer(serializer);
        out = new DataOutputSerializer(4096);
        in = new DataInputDeserializer();
    }

    @Benchmark
    public FlowRecord serializeAndDeserialize() throws IOException {
        out.clear();
        typeSerializer.serialize(records.get(next++ % records.size()), out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return typeSerializer.deserialize(in);
    }

    /** The records of the default scenario (10 minutes, seed 42) in {@code format}. */
    static List<FlowRecord> simulated(String format) {
        List<FlowRecord> records = new ArrayList<>();
        new Simulation(SimConfig.defaults().withDuration(10).withSeed(42).withFormat(format))
                .generate((record, srcTask, dstTask, tags) -> records.add(record));
        return records;
    }

    static TypeSerializer<FlowRecord> serializer(String name) {
        if (name.equals("explicit")) {
            return FlowRecordSerializer.INSTANCE;
        }
        TypeSerializer<FlowRecord> pojo = TypeInformation.of(FlowRecord.class)
                .createSerializer(new SerializerConfigImpl());
        if (!(pojo instanceof PojoSerializer)) {
            throw new IllegalStateException("FlowRecord is not serialized as a POJO: " + pojo);
        }
        return pojo;
    }

    /** Bytes per record of each serializer and format. */
    public static void main(String[] args) throws IOException {
        for (String format : List.of("v2", "v7")) {
            List<FlowRecord> records = simulated(format);
            for (String name : List.of("pojo", "explicit")) {
                TypeSerializer<FlowRecord> typeSerializer = serializer(name);
                DataOutputSerializer out = new DataOutputSerializer(1 << 20);
                for (FlowRecord record : records) {
                    typeSerializer.serialize(record, out);
                }
                System.out.printf("%s %-8s %,d records: %.1f bytes/record%n", format, name, records.size(),
                        out.length() / (double) records.size());
            }
        }
    }
}
