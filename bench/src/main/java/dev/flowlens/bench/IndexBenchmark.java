package dev.flowlens.bench;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.schemas.TaskIdentity;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lookups per second, one thread, against an index of 100,000 live tasks and 1,000,000 holds in all (every task IP
 * reused ten times), compared with the naive {@code HashMap<ip, task>} join. Run:
 * {@code java -jar bench/target/benchmarks.jar IndexBenchmark}; the naive join's error rate and the index's memory
 * come from {@code java -cp bench/target/benchmarks.jar dev.flowlens.bench.IndexFootprint}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Threads(1)
@OperationsPerInvocation(IndexBenchmark.PROBES)
public class IndexBenchmark {
    static final int PROBES = 1 << 20;

    private ChurnedFleet fleet;
    private AttributionIndex index;
    private Map<String, TaskIdentity> naive;

    @Setup(Level.Trial)
    public void setUp() {
        fleet = ChurnedFleet.generate(100_000, 10, PROBES, 11);
        index = fleet.index();
        naive = fleet.naiveIpMap();
    }

    @Benchmark
    public void indexLookupByAddressBits(Blackhole blackhole) {
        int[] addresses = fleet.probeAddress;
        long[] times = fleet.probeTime;
        for (int i = 0; i < PROBES; i++) {
            blackhole.consume(index.lookupIpv4(addresses[i], times[i]));
        }
    }

    /**
     * As an attribution uses a lookup: the owner's identity and the texts it writes out (ARN, ENI id), so the
     * cost of reaching (or building) the identity counts, not only finding its hold.
     */
    @Benchmark
    public void indexLookupWithIdentity(Blackhole blackhole) {
        int[] addresses = fleet.probeAddress;
        long[] times = fleet.probeTime;
        for (int i = 0; i < PROBES; i++) {
            TaskIdentity task = index.lookupIpv4(addresses[i], times[i]).task();
            blackhole.consume(task == null ? 0 : task.taskArn.length() + task.eniId.length());
        }
    }

    @Benchmark
    public void indexLookupByAddressText(Blackhole blackhole) {
        String[] addresses = fleet.probeText;
        long[] times = fleet.probeTime;
        for (int i = 0; i < PROBES; i++) {
            Lookup lookup = index.lookup(addresses[i], times[i]);
            blackhole.consume(lookup);
        }
    }

    @Benchmark
    public void naiveHashMapByIp(Blackhole blackhole) {
        String[] addresses = fleet.probeText;
        for (int i = 0; i < PROBES; i++) {
            blackhole.consume(naive.get(addresses[i]));
        }
    }
}
