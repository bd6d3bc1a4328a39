package dev.flowlens.bench;

import dev.flowlens.jobs.enrich.operators.AttributeFlowsStreaming;
import dev.flowlens.jobs.enrich.operators.AttributeFlowsStreamingBeforeBuckets;
import dev.flowlens.jobs.enrich.operators.BroadcastTaskIndex;
import dev.flowlens.jobs.enrich.operators.HoldBackSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.TaskIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hold-back timer of the streaming attribution on an interface holding 10,000 flows, of which {@code due} are
 * released: the single {@code held-flows} list of the job before ({@code list}: the timer reads every held flow and
 * rewrites the rest; {@link AttributeFlowsStreamingBeforeBuckets}, kept in the jobs' tests) against
 * {@link AttributeFlowsStreaming}'s buckets by release time ({@code buckets}: the timer reads and removes its own).
 * Both run in Flink's operator test harness on its heap state backend ({@code HashMapStateBackend}), the due flows
 * attributed and emitted as in the job. Before each timer, {@code due} flows are held for it (not timed), so 10,000
 * are held when it fires. Microseconds per timer. Run: {@code java -jar bench/target/benchmarks.jar
 * HoldBackBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class HoldBackBenchmark {
    private static final int HELD = 10_000;
    private static final long T0 = 1_700_000_000L; // epoch seconds
    private static final long HOLD_BACK_MILLIS = 300_000;

    @Param({"10", "100"})
    public int due;

    @Param({"list", "buckets"})
    public String variant;

    private KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness;
    private long second;
    private int port;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        IndexSettings index = new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of());
        HoldBackSettings holdBack = new HoldBackSettings(Duration.ofMillis(HOLD_BACK_MILLIS), HELD, Duration.ZERO);
        KeyedBroadcastProcessFunction<String, FlowRecord, TaskState, EnrichedFlow> function =
                variant.equals("list") ? new AttributeFlowsStreamingBeforeBuckets(index, holdBack)
                        : new AttributeFlowsStreaming(index, holdBack);
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(function,
                List.of(BroadcastTaskIndex.TASKS)), flow -> flow.interfaceId, Types.STRING, 1, 1, 0);
        harness.open();
        // the metadata is known up to T0 - 60 s, so every flow after is held; its watermark out of the way
        harness.processBroadcastElement(stoppedTask(), (T0 - 60) * 1000);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        // the flows no timer of the run releases: held all along
        for (int i = 0; i < HELD - due; i++) {
            harness.processElement(flow(T0 + 10_000_000 + i % 600), T0 * 1000);
        }
        second = T0;
    }

    /** The flows the next timer releases, so that 10,000 are held when it fires. */
    @Setup(Level.Invocation)
    public void holdTheDueFlows() throws Exception {
        harness.getOutput().clear();
        second++;
        for (int i = 0; i < due; i++) {
            harness.processElement(flow(second), second * 1000);
        }
    }

    @Benchmark
    public int timer() throws Exception {
        harness.processWatermark(second * 1000 + HOLD_BACK_MILLIS);
        return harness.getOutput().size();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        int released = harness.getOutput().size() - 1; // the watermark itself is output too
        harness.close();
        if (released != due) {
            throw new IllegalStateException("the last timer released " + released + " flows, not " + due);
        }
    }

    /** A flow from an address the index has not seen, on the one interface. */
    private FlowRecord flow(long start) {
        FlowRecord flow = new FlowRecord();
        flow.version = 2;
        flow.accountId = "123456789012";
        flow.interfaceId = "eni-busy";
        flow.srcAddr = "10.0.1.5";
        flow.dstAddr = "52.216.1.1";
        flow.srcPort = 1024 + port++ % 60_000;
        flow.dstPort = 443;
        flow.protocol = 6;
        flow.packets = 10L;
        flow.bytes = 1200L;
        flow.start = start;
        flow.end = start + 60;
        flow.action = "ACCEPT";
        flow.logStatus = "OK";
        return flow;
    }

    /** A task on another address, stopped at T0 - 60 s: what tells the index how far its metadata goes. */
    private static TaskState stoppedTask() {
        TaskIdentity task = new TaskIdentity();
        task.accountId = "123456789012";
        task.region = "us-east-1";
        task.clusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/bench";
        task.clusterName = "bench";
        task.serviceName = "old";
        task.group = "service:old";
        task.taskArn = "arn:aws:ecs:us-east-1:123456789012:task/bench/old";
        task.taskId = "old";
        task.taskDefinition = "old:1";
        task.launchType = "FARGATE";
        task.subnetId = "subnet-0a";
        task.eniId = "eni-old";
        task.privateIpv4 = "10.0.9.9";
        task.securityGroups = new java.util.ArrayList<>(List.of("sg-0old"));
        task.interfaceType = "interface";
        task.createdAt = (T0 - 3600) * 1000;
        task.startedAt = (T0 - 3580) * 1000;
        task.stoppedAt = (T0 - 60) * 1000;
        return TaskState.of(task, 6, "STOPPED", (T0 - 60) * 1000);
    }
}
