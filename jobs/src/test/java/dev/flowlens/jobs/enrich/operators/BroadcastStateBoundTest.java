package dev.flowlens.jobs.enrich.operators;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.aws.EcsReconciler;
import dev.flowlens.enrich.aws.FakeAwsApis;
import dev.flowlens.enrich.aws.ReconcilerSettings;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.testkit.TestAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The checkpointed broadcast state of the streaming attribution operator over a day of churn with 1% of STOPPED
 * events lost: 200 tasks live at any time, each running 10 to 60 minutes on an address of a large pool (so a newer
 * owner seldom supersedes a lost one), replaced when it stops. Events arrive as they happen; every ten minutes the
 * real {@link EcsReconciler}, through the SDK clients, reads a local ECS/EC2 endpoint that lists what ECS would
 * (running tasks, and those stopped within the hour), and its observations go to the operator as the job's
 * reconciliation source sends them. The tasks in the broadcast state, and in the state a checkpoint restores, stay
 * within the live tasks plus retention × stop rate, with a 10% margin, all day.
 */
class BroadcastStateBoundTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final int LIVE = 200;
    private static final int ADDRESSES = 65_536;

    private record Live(String id, String ip, long start, long stop) {}

    @Test
    void aDayOfChurnWithLostStoppedEventsKeepsTheCheckpointedTasksBounded() throws Exception {
        Random random = new Random(11);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochMilli(T0));
        AttributeFlowsStreaming function = new AttributeFlowsStreaming(
                new IndexSettings(RETENTION, List.of("10.0.0.0/8"), Map.of()),
                new HoldBackSettings(Duration.ofMinutes(5), 1000, Duration.ZERO));
        List<String> free = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            free.add("10." + (i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256));
        }
        try (FakeAwsApis aws = new FakeAwsApis();
                EcsReconciler reconciler = EcsReconciler.create(Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                        aws.endpoint(), aws.endpoint(), new ReconcilerSettings(10_000, 3, Duration.ofMillis(5),
                                Duration.ofMillis(40), Duration.ofHours(1), 10_000), clock(now));
                var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function,
                        (FlowRecord record) -> record.interfaceId, Types.STRING, BroadcastTaskIndex.TASKS)) {
            Account account = new Account(aws, harness, random, free);
            aws.services.put(TestAccount.CLUSTER_ARN + "/svc", List.of("sg-0svc"));
            List<Live> live = new ArrayList<>();
            for (int i = 0; i < LIVE; i++) {
                live.add(account.start(T0 - random.nextInt(50) * MINUTE));
            }
            int stops = 0;
            int lost = 0;
            int peak = 0;
            OperatorSubtaskState checkpoint = null;
            for (long t = T0; t < T0 + 24 * 60 * MINUTE; t += MINUTE) {
                now.set(Instant.ofEpochMilli(t));
                List<Live> stopping = new ArrayList<>();
                for (Live task : live) {
                    if (task.stop() <= t) {
                        stopping.add(task);
                    }
                }
                for (Live task : stopping) {
                    live.remove(task);
                    stops++;
                    if (!account.stop(task)) {
                        lost++;
                    }
                    live.add(account.start(t + 30_000));
                }
                account.forgetStoppedBefore(t - 60 * MINUTE); // ECS lists a stopped task for about an hour
                if ((t - T0) % (10 * MINUTE) == 0) {
                    List<TaskState> observed = reconciler.observe();
                    assertThat(reconciler.status().lastError()).isNull();
                    for (TaskState state : observed) {
                        harness.processBroadcastElement(state, t);
                    }
                }
                peak = Math.max(peak, size(harness));
                if ((t - T0) % (6 * 60 * MINUTE) == 0) {
                    checkpoint = harness.snapshot(t, t);
                }
            }
            checkpoint = harness.snapshot(T0 + 24 * 60 * MINUTE, T0 + 24 * 60 * MINUTE);
            double stopsPerRetention = stops / 24.0 * RETENTION.toHours();
            int bound = (int) Math.ceil((LIVE + stopsPerRetention) * 1.1);
            assertThat(lost).as("lost STOPPED events of %d stops", stops).isGreaterThan(30);
            assertThat(peak).as("peak tasks in the broadcast state, %d stops, %d STOPPED lost", stops, lost)
                    .isLessThanOrEqualTo(bound);
            System.out.printf("broadcast state over a day: %d stops, %d STOPPED lost, peak %d tasks, bound %d%n",
                    stops, lost, peak, bound);

            // what a restart restores from the last checkpoint: the same tasks, which attribute a live task's flow
            try (var restored = new KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow>(
                    new CoBroadcastWithKeyedOperator<>(new AttributeFlowsStreaming(
                            new IndexSettings(RETENTION, List.of("10.0.0.0/8"), Map.of()),
                            new HoldBackSettings(Duration.ofMinutes(5), 1000, Duration.ZERO)),
                            List.of(BroadcastTaskIndex.TASKS)),
                    (FlowRecord record) -> record.interfaceId, Types.STRING, 128, 1, 0)) {
                restored.initializeState(checkpoint);
                restored.open();
                assertThat(size(restored)).isEqualTo(size(harness)).isLessThanOrEqualTo(bound);
                Live running = live.get(0);
                long at = (T0 + 24 * 60 * MINUTE - 5 * MINUTE) / 1000;
                restored.processElement(flow().interfaceId("eni-" + running.id()).from(running.ip())
                        .to("52.216.1.1").at(at).build(), at * 1000);
                assertThat(restored.extractOutputValues()).singleElement()
                        .satisfies(out -> assertThat(out.src.task.taskId).isEqualTo(running.id()));
            }
        }
    }

    /** The account's tasks: events to the operator as they happen, ECS's view in the local endpoint. */
    private static final class Account {
        private final FakeAwsApis aws;
        private final KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness;
        private final Random random;
        private final List<String> free;
        private final List<Live> stopped = new ArrayList<>();
        private int next;

        Account(FakeAwsApis aws, KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness,
                Random random, List<String> free) {
            this.aws = aws;
            this.harness = harness;
            this.random = random;
            this.free = free;
        }

        Live start(long at) throws Exception {
            String ip = free.remove(random.nextInt(free.size()));
            Live task = new Live("t" + next++, ip, at, at + (10 + random.nextInt(51)) * MINUTE);
            aws.addTask(TestAccount.CLUSTER_ARN, aws.task(TestAccount.CLUSTER_ARN, task.id(), "svc", "RUNNING", ip,
                    "eni-" + task.id(), at / 1000.0, null, 3));
            aws.enis.put("eni-" + task.id(), List.of("sg-0svc", "interface"));
            harness.processBroadcastElement(task(task.id()).ip(ip).createdAt(at).startedAt(at + 20_500).version(3)
                    .lastStatus("RUNNING").observedAt(at + 20_500).build(), at + 20_500);
            return task;
        }

        /** Stops {@code task} in ECS; returns whether its STOPPED event arrived (1% never do). */
        boolean stop(Live task) throws Exception {
            List<com.fasterxml.jackson.databind.node.ObjectNode> tasks = aws.tasks.get(TestAccount.CLUSTER_ARN);
            tasks.removeIf(node -> node.path("taskArn").asText().endsWith("/" + task.id()));
            tasks.add(aws.task(TestAccount.CLUSTER_ARN, task.id(), "svc", "STOPPED", task.ip(), "eni-" + task.id(),
                    task.start() / 1000.0, task.stop() / 1000.0, 6));
            aws.enis.remove("eni-" + task.id()); // deleted with the task
            stopped.add(task);
            free.add(task.ip());
            if (random.nextInt(100) == 0) {
                return false;
            }
            harness.processBroadcastElement(task(task.id()).ip(task.ip()).createdAt(task.start())
                    .startedAt(task.start() + 20_500).stoppedAt(task.stop()).version(6).lastStatus("STOPPED")
                    .observedAt(task.stop()).build(), task.stop());
            return true;
        }

        void forgetStoppedBefore(long t) {
            List<Live> forgotten = stopped.stream().filter(task -> task.stop() < t).toList();
            stopped.removeAll(forgotten);
            for (Live task : forgotten) {
                aws.tasks.get(TestAccount.CLUSTER_ARN).removeIf(node -> node.path("taskArn").asText()
                        .endsWith("/" + task.id()));
            }
        }
    }

    private static int size(KeyedBroadcastOperatorTestHarness<String, FlowRecord, TaskState, EnrichedFlow> harness)
            throws Exception {
        int size = 0;
        for (var ignored : harness.getBroadcastState(BroadcastTaskIndex.TASKS).immutableEntries()) {
            size++;
        }
        return size;
    }

    private static Clock clock(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
