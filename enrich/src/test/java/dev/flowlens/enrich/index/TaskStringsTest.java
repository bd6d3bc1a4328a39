package dev.flowlens.enrich.index;

import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The index keeps the values that repeat across its tasks once ({@link TaskStrings}): observations arrive with their
 * own copies (as deserialised ones do, made here with {@code new String}), the held tasks share one instance, and
 * expiry lets go of the values no held task uses any more.
 */
class TaskStringsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;

    @Test
    void twoTasksOfOneServiceShareTheirRepeatedStringsAfterApply() {
        AttributionIndex index = new AttributionIndex(HOUR);
        index.apply(delivered(task("a1").service("web").ip("10.0.1.5").eni("eni-a1")
                .securityGroups("sg-1", "sg-2").createdAt(T0).build()));
        index.apply(delivered(task("a2").service("web").ip("10.0.1.6").eni("eni-a2")
                .securityGroups("sg-1", "sg-2").createdAt(T0).build()));
        TaskIdentity first = index.lookup("10.0.1.5", T0 + 60_000).task();
        TaskIdentity second = index.lookup("10.0.1.6", T0 + 60_000).task();

        assertThat(first.taskId).isEqualTo("a1");
        assertThat(second.taskId).isEqualTo("a2");
        assertThat(second.clusterArn).isEqualTo(first.clusterArn).isSameAs(first.clusterArn);
        assertThat(second.serviceName).isEqualTo("web").isSameAs(first.serviceName);
        assertThat(second.group).isSameAs(first.group);
        assertThat(second.accountId).isSameAs(first.accountId);
        assertThat(second.region).isSameAs(first.region);
        assertThat(second.availabilityZone).isSameAs(first.availabilityZone);
        assertThat(second.launchType).isSameAs(first.launchType);
        assertThat(second.securityGroups).containsExactly("sg-1", "sg-2").isSameAs(first.securityGroups);
        assertThat(second.taskArn).isNotEqualTo(first.taskArn); // the task's own values stay its own
    }

    @Test
    void aNewHolderOfAnAddressSharesItsTextWithThePreviousOne() {
        AttributionIndex index = new AttributionIndex(HOUR);
        index.apply(delivered(task("old").service("web").ip("10.0.1.5").eni("eni-old")
                .createdAt(T0).stoppedAt(T0 + 60_000).build()));
        index.apply(delivered(task("new").service("web").ip("10.0.1.5").eni("eni-new")
                .createdAt(T0 + 120_000).build()));

        assertThat(index.task(arnOf(index, "new")).privateIpv4)
                .isSameAs(index.task(arnOf(index, "old")).privateIpv4);
    }

    @Test
    void expiryReleasesTheValuesNoLiveTaskUses() {
        AttributionIndex index = new AttributionIndex(HOUR);
        index.apply(delivered(task("gone").service("batch").ip("10.0.2.9").eni("eni-gone")
                .securityGroups("sg-batch").createdAt(T0).stoppedAt(T0 + 60_000).build()));
        index.apply(delivered(task("live").service("web").ip("10.0.1.5").eni("eni-live")
                .securityGroups("sg-web").createdAt(T0).build()));
        TaskIdentity gone = index.task(arnOf(index, "gone"));
        String batchService = gone.serviceName;
        assertThat(index.strings().keeps("batch")).isTrue();
        assertThat(index.strings().keeps(List.of("sg-batch"))).isTrue();

        List<String> expired = index.expire(T0 + 60_000 + HOUR + 1);

        assertThat(expired).containsExactly(gone.taskArn);
        assertThat(index.strings().keeps("batch")).isFalse();
        assertThat(index.strings().keeps("service:batch")).isFalse();
        assertThat(index.strings().keeps("10.0.2.9")).isFalse();
        assertThat(index.strings().keeps("sg-batch")).isFalse();
        assertThat(index.strings().keeps(List.of("sg-batch"))).isFalse();
        // what the live task uses, the account and cluster it shared with the expired one included, stays
        TaskIdentity live = index.task(arnOf(index, "live"));
        assertThat(index.strings().keeps("web")).isTrue();
        assertThat(index.strings().keeps(live.clusterArn)).isTrue();
        assertThat(index.strings().keeps(live.accountId)).isTrue();
        assertThat(index.strings().keeps("sg-web")).isTrue();

        // a later task of the expired service gets its own instance: the old one is no longer kept
        index.apply(delivered(task("again").service("batch").ip("10.0.2.10").eni("eni-again")
                .createdAt(T0 + 2 * HOUR).build()));
        assertThat(index.task(arnOf(index, "again")).serviceName).isEqualTo("batch").isNotSameAs(batchService);
    }

    @Test
    void aMergedUpdateKeepsEachValueCountedOnce() {
        AttributionIndex index = new AttributionIndex(HOUR);
        TaskState running = delivered(task("t").service("web").ip("10.0.1.5").eni("eni-t").createdAt(T0)
                .version(2).build());
        TaskState stopped = delivered(task("t").service("web").ip("10.0.1.5").eni("eni-t").createdAt(T0)
                .stoppedAt(T0 + 60_000).lastStatus("STOPPED").version(4).build());
        index.apply(running);
        index.apply(stopped);
        index.apply(delivered(running)); // older: changes nothing
        assertThat(index.task(running.identity.taskArn).stoppedAt).isEqualTo(T0 + 60_000);
        // no text of the ARN is held whole: its prefix is kept once for the cluster, its id is the task's own
        String arn = running.identity.taskArn;
        assertThat(index.task(arn).taskArn).isEqualTo(arn);
        assertThat(index.strings().keeps(arn.substring(0, arn.lastIndexOf('/') + 1))).isTrue();
        assertThat(index.strings().keeps(arn)).isFalse();

        index.expire(T0 + 60_000 + HOUR + 1);

        assertThat(index.taskCount()).isZero();
        assertThat(index.strings().size()).isZero();
    }

    private static String arnOf(AttributionIndex index, String taskId) {
        return index.snapshot().stream().filter(s -> s.identity.taskId.equals(taskId)).findFirst()
                .orElseThrow().identity.taskArn;
    }

    /** The observation with its own copy of every string, as one deserialised from an event is. */
    private static TaskState delivered(TaskState state) {
        TaskState copy = state.copy();
        copy.lastStatus = fresh(copy.lastStatus);
        TaskIdentity t = copy.identity;
        t.accountId = fresh(t.accountId);
        t.region = fresh(t.region);
        t.clusterArn = fresh(t.clusterArn);
        t.clusterName = fresh(t.clusterName);
        t.serviceName = fresh(t.serviceName);
        t.group = fresh(t.group);
        t.taskArn = fresh(t.taskArn);
        t.taskId = fresh(t.taskId);
        t.taskDefinition = fresh(t.taskDefinition);
        t.taskDefinitionArn = fresh(t.taskDefinitionArn);
        t.launchType = fresh(t.launchType);
        t.availabilityZone = fresh(t.availabilityZone);
        t.subnetId = fresh(t.subnetId);
        t.eniId = fresh(t.eniId);
        t.privateIpv4 = fresh(t.privateIpv4);
        t.interfaceType = fresh(t.interfaceType);
        if (t.securityGroups != null) {
            List<String> groups = new ArrayList<>();
            t.securityGroups.forEach(g -> groups.add(fresh(g)));
            t.securityGroups = groups;
        }
        return copy;
    }

    private static String fresh(String s) {
        return s == null ? null : new String(s.toCharArray()); // new String(s) would share its bytes
    }
}
