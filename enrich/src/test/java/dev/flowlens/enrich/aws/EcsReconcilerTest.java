package dev.flowlens.enrich.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The reconciler through the real AWS SDK clients against a local endpoint speaking ECS's and EC2's protocols. */
class EcsReconcilerTest {
    private static final String CLUSTER = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
    private static final String BATCH = "arn:aws:ecs:us-east-1:111122223333:cluster/batch";
    private static final double T0 = 1_700_000_000.25; // epoch seconds, as the API writes them

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_700_003_600));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private FakeAwsApis aws;
    private EcsReconciler reconciler;
    private AttributionIndex index;

    @BeforeEach
    void setUp() throws Exception {
        aws = new FakeAwsApis();
        ReconcilerSettings fast = new ReconcilerSettings(1000, 6, Duration.ofMillis(5), Duration.ofMillis(40),
                Duration.ofHours(1), 10_000);
        reconciler = EcsReconciler.create(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                aws.endpoint(), aws.endpoint(), fast, clock);
        index = new AttributionIndex(86_400_000L);
        // 150 running web tasks (two DescribeTasks batches), a stopped api task whose ENI is gone, a trunked task
        for (int i = 0; i < 150; i++) {
            String eni = String.format("eni-%017d", i);
            aws.addTask(CLUSTER, aws.task(CLUSTER, "web" + i, "web", "RUNNING", "10.0." + (i / 200) + "." + (i + 10),
                    eni, T0 + i, null, 3));
            aws.enis.put(eni, List.of("sg-0web", "sg-0common", "interface"));
        }
        aws.addTask(CLUSTER, aws.task(CLUSTER, "api0", "api", "STOPPED", "10.0.9.9", "eni-gone", T0, T0 + 1800, 6));
        aws.services.put(CLUSTER + "/api", List.of("sg-0api"));
        aws.services.put(CLUSTER + "/web", List.of("sg-0web"));
        aws.addTask(BATCH, aws.task(BATCH, "trunked", "etl", "RUNNING", "10.0.8.8", "eni-branch1", T0, null, 2));
        aws.enis.put("eni-branch1", List.of("sg-0etl", "branch"));
    }

    @AfterEach
    void tearDown() {
        reconciler.close();
        aws.close();
    }

    @Test
    void fullReconciliationWithPaginationBatchesAndSecurityGroups() {
        ReconcileStatus status = reconciler.reconcile(index);

        assertThat(status.succeeded()).as(status.lastError()).isTrue();
        assertThat(status.tasksSeen()).isEqualTo(152);
        assertThat(index.taskCount()).isEqualTo(152);
        assertThat(aws.calls).contains("ecs:DescribeTasks(100)", "ecs:DescribeTasks(51)",
                "ec2:DescribeNetworkInterfaces(100)");
        assertThat(aws.calls.stream().filter(c -> c.startsWith("ecs:ListTasks(RUNNING)"))).hasSize(5); // 4 pages + batch

        TaskIdentity web = index.lookup("10.0.0.15", (long) (T0 * 1000) + 60_000).task();
        assertThat(web.taskId).isEqualTo("web5");
        assertThat(web.serviceName).isEqualTo("web");
        assertThat(web.taskDefinition).isEqualTo("web:3");
        assertThat(web.accountId).isEqualTo("111122223333");
        assertThat(web.securityGroups).containsExactly("sg-0web", "sg-0common");
        assertThat(web.interfaceType).isEqualTo("interface");
        assertThat(web.createdAt).isEqualTo((long) (T0 * 1000) + 5_000);

        Lookup api = index.lookup("10.0.9.9", (long) (T0 * 1000) + 60_000);
        assertThat(api.task().securityGroups).containsExactly("sg-0api"); // ENI gone: the service's groups
        assertThat(index.lookup("10.0.9.9", (long) (T0 * 1000) + 1_900_000).isFound()).isFalse();

        assertThat(reconciler.taskSubnetCidrs()).containsExactly("10.0.0.0/20", "2600:1f18:abcd:1200::/64");
        assertThat(reconciler.vpcCidrs()).containsExactly("10.0.0.0/16", "100.64.0.0/16");

        TaskIdentity trunked = index.lookup("10.0.8.8", (long) (T0 * 1000) + 1).task();
        assertThat(trunked.interfaceType).isEqualTo("branch");
        assertThat(trunked.clusterName).isEqualTo("batch");
    }

    @Test
    void tasksEcsNoLongerListsAreClosedWhereTheyWereLastSeenAndNowIsNotEventTime() {
        long t0 = (long) (T0 * 1000);
        // known from events only: RUNNING at T0+60 s, its STOPPED lost long ago; ECS lists it no more
        TaskState lost = dev.flowlens.testkit.TaskStates.task("lost").service("api").ip("10.0.7.7")
                .createdAt(t0).version(2).observedAt(t0 + 60_000).build();
        // another account's task: this reconciler cannot speak for it
        TaskState foreign = dev.flowlens.testkit.TaskStates.task("foreign").service("api").ip("10.0.7.8")
                .createdAt(t0).version(2).observedAt(t0 + 60_000).build();
        foreign.identity.accountId = "444455556666";
        foreign.identity.taskArn = foreign.identity.taskArn.replace("111122223333", "444455556666");
        index.apply(lost);
        index.apply(foreign);
        long eventTime = index.knownUntil();

        assertThat(reconciler.reconcile(index).succeeded()).isTrue();
        long firstPass = now.get().toEpochMilli();
        assertThat(index.knownUntil()).as("a pass at wall-clock time moves no event time").isEqualTo(eventTime);
        assertThat(index.lookup("10.0.7.7", t0 + 30_000).task().taskId).isEqualTo("lost");
        assertThat(index.lookup("10.0.7.7", t0 + 120_000).isFound()).as("closed at its last evidence").isFalse();
        assertThat(index.snapshotOf(lost.identity.taskArn).identity.stoppedAt).isEqualTo(t0 + 60_000);
        assertThat(index.snapshotOf(foreign.identity.taskArn).identity.stoppedAt).isNull();
        assertThat(index.lookup("10.0.0.10", firstPass).task().taskId).isEqualTo("web0");

        // web0 vanishes from ECS's lists (neither running nor recently stopped) before the next pass
        aws.tasks.get(CLUSTER).removeIf(task -> task.get("taskArn").asText().endsWith("/web0"));
        now.set(now.get().plus(Duration.ofMinutes(5)));
        List<TaskState> observed = reconciler.observe();
        TaskState closing = observed.stream().filter(t -> t.identity.taskArn.endsWith("/web0")).findFirst()
                .orElseThrow();
        assertThat(closing.lastStatus).isEqualTo("STOPPED");
        assertThat(closing.identity.stoppedAt).as("where the reconciler last saw it").isEqualTo(firstPass);
        assertThat(closing.current).isTrue();
        observed.forEach(index::apply);
        assertThat(index.lookup("10.0.0.10", firstPass - 1).task().taskId).isEqualTo("web0");
        assertThat(index.lookup("10.0.0.10", firstPass + 60_000).isFound()).isFalse();
        assertThat(index.knownUntil()).isEqualTo(eventTime);
        // and retention, by event time, removes both closed tasks a day after their ends
        assertThat(index.expire(firstPass + 86_400_001L)).contains(lost.identity.taskArn, closing.identity.taskArn)
                .doesNotContain(foreign.identity.taskArn);
    }

    @Test
    void throttlingIsRetriedWithBackoffAndSucceeds() {
        aws.throttleEcs.set(3);
        aws.throttleEc2.set(2);

        ReconcileStatus status = reconciler.reconcile(index);

        assertThat(status.succeeded()).as(status.lastError()).isTrue();
        assertThat(aws.calls).contains("ecs:throttled", "ec2:throttled");
        assertThat(index.taskCount()).isEqualTo(152);
        long throttled = aws.calls.stream().filter(c -> c.endsWith("throttled")).count();
        assertThat(status.apiCalls()).isEqualTo(aws.calls.size()).isGreaterThanOrEqualTo((int) (5 + throttled));
    }

    @Test
    void tenMinuteOutageKeepsTheIndexServingAndReportsStaleness() {
        assertThat(reconciler.reconcile(index).succeeded()).isTrue();
        Instant firstSuccess = now.get();
        aws.down = true;
        for (int minute = 1; minute <= 10; minute++) {
            now.set(firstSuccess.plus(Duration.ofMinutes(minute)));
            ReconcileStatus status = reconciler.reconcile(index);
            assertThat(status.succeeded()).isFalse();
            assertThat(status.lastError()).contains("Service Unavailable");
            assertThat(index.lookup("10.0.0.15", (long) (T0 * 1000) + 60_000).task().taskId).isEqualTo("web5");
        }
        assertThat(reconciler.status().staleness(now.get())).isEqualTo(Duration.ofMinutes(10));

        aws.down = false;
        now.set(firstSuccess.plus(Duration.ofMinutes(11)));
        ReconcileStatus recovered = reconciler.reconcile(index);
        assertThat(recovered.succeeded()).isTrue();
        assertThat(recovered.staleness(now.get())).isZero();
        // observations of current state at wall-clock time are not event time: completeness is the metadata's
        assertThat(index.knownUntil()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void malformedResponseIsAClearErrorAndLeavesTheIndexAsItWas() {
        assertThat(reconciler.reconcile(index).succeeded()).isTrue();
        Map<String, TaskIdentity> before = identities(index);
        aws.addTask(CLUSTER, aws.task(CLUSTER, "late", "web", "RUNNING", "10.0.7.7", "eni-late", T0, null, 1));
        aws.malformedDescribeTasks = true;

        ReconcileStatus status = reconciler.reconcile(index);

        assertThat(status.succeeded()).isFalse();
        assertThat(status.lastError()).isNotBlank().doesNotContain("\n");
        assertThat(index.taskCount()).isEqualTo(152);
        assertThat(index.lookup("10.0.7.7", (long) (T0 * 1000) + 1).isFound()).isFalse();
        assertThat(identities(index)).isEqualTo(before);
    }

    private static Map<String, TaskIdentity> identities(AttributionIndex index) {
        Map<String, TaskIdentity> byArn = new TreeMap<>();
        for (TaskState state : index.snapshot()) {
            byArn.put(state.identity.taskArn, state.identity);
        }
        return byArn;
    }

    @Test
    void enisAreCachedAcrossReconciliations() {
        reconciler.reconcile(index);
        long firstEc2Calls = aws.calls.stream().filter(c -> c.startsWith("ec2:")).count();
        reconciler.reconcile(index);
        long secondEc2Calls = aws.calls.stream().filter(c -> c.startsWith("ec2:")).count() - firstEc2Calls;

        assertThat(firstEc2Calls).isEqualTo(4); // ENIs in two batches, subnets, VPCs
        assertThat(secondEc2Calls).isZero();
    }
}
