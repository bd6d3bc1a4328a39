package dev.flowlens.enrich;

import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.AttributionIndex.Applied;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionIndexTest {
    private static final long HOUR = 3_600_000;
    private static final long T0 = 1_700_000_000_000L;

    private final AttributionIndex index = new AttributionIndex(24 * HOUR);

    @Test
    void ipReusedByAnotherTaskOneSecondAfterAStop() {
        index.apply(task("old").service("checkout").ip("10.0.1.5").eni("eni-old").createdAt(T0).stoppedAt(T0 + HOUR)
                .version(5).lastStatus("STOPPED").observedAt(T0 + HOUR).build());
        index.apply(task("new").service("payments").ip("10.0.1.5").eni("eni-new").createdAt(T0 + HOUR + 1000)
                .version(2).lastStatus("RUNNING").observedAt(T0 + 2 * HOUR).build());

        assertThat(owner("10.0.1.5", T0 + HOUR - 1)).isEqualTo("old");
        assertThat(reason("10.0.1.5", T0 + HOUR + 500)).isEqualTo(UnattributedReason.GAP_BETWEEN_OWNERS);
        assertThat(owner("10.0.1.5", T0 + HOUR + 1000)).isEqualTo("new");
        assertThat(index.lookup("10.0.1.5", T0 + HOUR + 1000).task().serviceName).isEqualTo("payments");
    }

    @Test
    void flowsBeforeStartedAtBelongToTheTaskFromCreation() {
        index.apply(task("t1").service("checkout").ip("10.0.1.7").eni("eni-1").createdAt(T0)
                .startedAt(T0 + 30_000) // ENI attached at PROVISIONING/PENDING, well before RUNNING
                .version(3).lastStatus("RUNNING").observedAt(T0 + 30_000).build());

        assertThat(owner("10.0.1.7", T0 + 5_000)).isEqualTo("t1");
        assertThat(reason("10.0.1.7", T0 - 1)).isEqualTo(UnattributedReason.BEFORE_FIRST_OWNER);
    }

    @Test
    void duplicateAndOlderEventsChangeNothing() {
        TaskState stopped = task("t1").service("checkout").ip("10.0.1.8").eni("eni-1").createdAt(T0)
                .stoppedAt(T0 + HOUR).version(6).lastStatus("STOPPED").observedAt(T0 + HOUR).build();
        assertThat(index.apply(stopped)).isEqualTo(Applied.ADDED);
        assertThat(index.apply(stopped)).isEqualTo(Applied.UNCHANGED);
        TaskState olderRunning = task("t1").service("checkout").ip("10.0.1.8").eni("eni-1").createdAt(T0)
                .version(4).lastStatus("RUNNING").observedAt(T0 + 60_000).build();
        index.apply(olderRunning);
        index.advanceKnownUntil(T0 + 3 * HOUR);

        assertThat(index.task(stopped.identity.taskArn).stoppedAt).isEqualTo(T0 + HOUR);
        assertThat(reason("10.0.1.8", T0 + 2 * HOUR)).isEqualTo(UnattributedReason.AFTER_LAST_OWNER);
    }

    @Test
    void aLowerVersionNeverSetsTheStateOfAHigherOneInEitherOrder() {
        // ECS's version rises with every state change: version 5 saw the task running after what version 3 says,
        // so version 3's stoppedAt and status are older news (in real ECS, STOPPED is the last and highest; this
        // is about what the index trusts, whatever the sources send)
        TaskState running = task("t1").service("checkout").ip("10.0.1.10").eni("eni-1").createdAt(T0)
                .version(5).lastStatus("RUNNING").observedAt(T0 + 2 * HOUR).build();
        TaskState olderStopped = task("t1").service("checkout").ip("10.0.1.10").eni("eni-1").createdAt(T0)
                .stoppedAt(T0 + HOUR).version(3).lastStatus("STOPPED").observedAt(T0 + HOUR).build();
        AttributionIndex forward = new AttributionIndex(24 * HOUR);
        forward.apply(running);
        forward.apply(olderStopped);
        AttributionIndex backward = new AttributionIndex(24 * HOUR);
        backward.apply(olderStopped);
        backward.apply(running);

        for (AttributionIndex each : List.of(forward, backward)) {
            TaskState held = each.snapshotOf(running.identity.taskArn);
            assertThat(held.identity.stoppedAt).isNull();
            assertThat(held.lastStatus).isEqualTo("RUNNING");
            assertThat(held.version).isEqualTo(5);
            assertThat(each.lookup("10.0.1.10", T0 + HOUR + 60_000).task().taskId).isEqualTo("t1");
            assertThat(each.lookupEni("eni-1", T0 + HOUR + 60_000).task().taskId).isEqualTo("t1");
            assertThat(each.expire(T0 + 30 * HOUR)).as("a running task never expires").isEmpty();
        }
        assertThat(forward.snapshot().get(0).identity).isEqualTo(backward.snapshot().get(0).identity);
    }

    @Test
    void aLowerVersionStillFillsWhatNoObservationChanges() {
        // the task's ENI, address and groups are fixed for its life: an older observation may supply them
        TaskState stoppedView = task("t1").service("checkout").ip(null).eni(null).createdAt(T0)
                .stoppedAt(T0 + HOUR).securityGroups().version(6).lastStatus("STOPPED").observedAt(T0 + HOUR).build();
        index.apply(stoppedView);
        index.apply(task("t1").service("checkout").ip("10.0.1.11").eni("eni-1").createdAt(T0).version(3)
                .lastStatus("RUNNING").observedAt(T0 + 60_000).build());

        TaskState held = index.snapshotOf(stoppedView.identity.taskArn);
        assertThat(held.identity.privateIpv4).isEqualTo("10.0.1.11");
        assertThat(held.identity.eniId).isEqualTo("eni-1");
        assertThat(held.identity.securityGroups).containsExactly("sg-0checkout");
        assertThat(held.identity.stoppedAt).isEqualTo(T0 + HOUR);
        assertThat(held.lastStatus).isEqualTo("STOPPED");
    }

    /**
     * A task takes its service's awsvpc groups only until its ENI is described: the ENI's own groups replace them,
     * whichever observation arrives first, and a later stop (ENI gone, the service's groups again) keeps them.
     */
    @Test
    void anEniDescriptionReplacesTheServicesGroupsInEitherOrder() {
        TaskState fromService = task("t1").service("checkout").ip("10.0.1.9").eni("eni-1").createdAt(T0)
                .securityGroups("sg-0checkout").version(3).lastStatus("RUNNING").observedAt(T0 + 30_000).build();
        TaskState fromEni = task("t1").service("checkout").ip("10.0.1.9").eni("eni-1").createdAt(T0)
                .securityGroups("sg-0checkout", "sg-0extra").version(3).lastStatus("RUNNING")
                .observedAt(T0 + 60_000).build();
        fromEni.groupsFromEni = true;
        TaskState stopped = task("t1").service("checkout").ip(null).eni(null).createdAt(T0).stoppedAt(T0 + HOUR)
                .securityGroups("sg-0checkout").version(6).lastStatus("STOPPED").observedAt(T0 + HOUR).build();

        for (List<TaskState> order : List.of(List.of(fromService, fromEni, stopped),
                List.of(fromEni, fromService, stopped), List.of(stopped, fromService, fromEni),
                List.of(fromService, stopped, fromEni))) {
            AttributionIndex each = new AttributionIndex(24 * HOUR);
            order.forEach(each::apply);
            TaskState held = each.snapshotOf(fromEni.identity.taskArn);
            assertThat(held.identity.securityGroups).as("%s", order.stream().map(t -> t.lastStatus + "@"
                    + t.observedAt).toList()).containsExactly("sg-0checkout", "sg-0extra");
            assertThat(held.groupsFromEni).isTrue();
            assertThat(held.identity.stoppedAt).isEqualTo(T0 + HOUR);
        }

        AttributionIndex serviceOnly = new AttributionIndex(24 * HOUR);
        serviceOnly.apply(fromService);
        serviceOnly.apply(stopped);
        assertThat(serviceOnly.snapshotOf(fromService.identity.taskArn).identity.securityGroups)
                .containsExactly("sg-0checkout");
    }

    @Test
    void stoppedBeforeRunningConvergesToTheSameIndex() {
        TaskState a = task("t1").service("checkout").ip("10.0.1.9").eni("eni-1").createdAt(T0)
                .securityGroups("sg-from-ec2").version(3).lastStatus("RUNNING").observedAt(T0 + 30_000).build();
        TaskState b = task("t1").service("checkout").ip(null).eni(null).createdAt(T0).stoppedAt(T0 + HOUR)
                .securityGroups().version(6).lastStatus("STOPPED").observedAt(T0 + HOUR).build();

        AttributionIndex forward = new AttributionIndex(24 * HOUR);
        forward.apply(a);
        forward.apply(b);
        AttributionIndex backward = new AttributionIndex(24 * HOUR);
        backward.apply(b);
        backward.apply(a);

        for (AttributionIndex each : List.of(forward, backward)) {
            each.advanceKnownUntil(T0 + 2 * HOUR);
            Lookup during = each.lookup("10.0.1.9", T0 + 10 * 60_000);
            assertThat(during.task().taskId).isEqualTo("t1");
            assertThat(during.task().securityGroups).containsExactly("sg-from-ec2");
            assertThat(each.lookup("10.0.1.9", T0 + HOUR + 1).reason())
                    .isEqualTo(UnattributedReason.AFTER_LAST_OWNER);
        }
        assertThat(forward.snapshot().get(0).identity).isEqualTo(backward.snapshot().get(0).identity);
    }

    @Test
    void anyOrderOfAnyObservationsGivesTheSameSnapshot() {
        List<TaskState> events = new ArrayList<>();
        Random random = new Random(7);
        for (int t = 0; t < 30; t++) {
            long created = T0 + t * 60_000L;
            String ip = "10.0.2." + (t % 7); // heavy reuse
            events.add(task("t" + t).service("svc" + (t % 3)).ip(ip).eni("eni-" + t).createdAt(created)
                    .version(2).lastStatus("RUNNING").observedAt(created + 30_000).build());
            events.add(task("t" + t).service("svc" + (t % 3)).ip(ip).eni("eni-" + t).createdAt(created)
                    .stoppedAt(created + 50_000).version(5).lastStatus("STOPPED").observedAt(created + 50_000).build());
        }
        String expected = null;
        for (int round = 0; round < 20; round++) {
            List<TaskState> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            shuffled.addAll(shuffled.subList(0, 10)); // duplicates
            AttributionIndex each = new AttributionIndex(24 * HOUR);
            shuffled.forEach(each::apply);
            StringBuilder answers = new StringBuilder();
            for (long at = T0; at < T0 + 31 * 60_000L; at += 7_000) {
                for (int ip = 0; ip < 7; ip++) {
                    answers.append(each.lookup("10.0.2." + ip, at)).append('\n');
                }
            }
            if (expected == null) {
                expected = answers.toString();
            }
            assertThat(answers.toString()).isEqualTo(expected);
        }
    }

    @Test
    void retentionExpiresStoppedTasksOnly() {
        index.apply(task("gone").service("a").ip("10.0.3.1").eni("eni-a").createdAt(T0).stoppedAt(T0 + HOUR)
                .version(5).lastStatus("STOPPED").observedAt(T0 + HOUR).build());
        index.apply(task("recent").service("b").ip("10.0.3.2").eni("eni-b").createdAt(T0).stoppedAt(T0 + 20 * HOUR)
                .version(5).lastStatus("STOPPED").observedAt(T0 + 20 * HOUR).build());
        index.apply(task("running").service("c").ip("10.0.3.3").eni("eni-c").createdAt(T0)
                .version(2).lastStatus("RUNNING").observedAt(T0).build());

        assertThat(index.expire(T0 + 26 * HOUR)).singleElement().asString().endsWith("/gone");

        assertThat(reason("10.0.3.1", T0 + 1000)).isEqualTo(UnattributedReason.NEVER_SEEN);
        assertThat(owner("10.0.3.2", T0 + 1000)).isEqualTo("recent");
        assertThat(owner("10.0.3.3", T0 + 25 * HOUR)).isEqualTo("running");
        assertThat(index.taskCount()).isEqualTo(2);
        assertThat(index.intervalCount()).isEqualTo(4); // two tasks, each by IPv4 and by ENI
    }

    @Test
    void ipv6InAnySpelling() {
        index.apply(task("v6").service("edge").ip(null).ipv6("2600:1f18:abcd:1200:0:0:0:5").eni("eni-6")
                .createdAt(T0).version(2).lastStatus("RUNNING").observedAt(T0).build());

        assertThat(owner("2600:1f18:abcd:1200::5", T0 + 1)).isEqualTo("v6");
        assertThat(owner("2600:1F18:ABCD:1200:0000:0000:0000:0005", T0 + 1)).isEqualTo("v6");
    }

    @Test
    void byEniAndTheTrunkCase() {
        index.apply(task("branch").service("a").ip("10.0.4.1").eni("eni-branch").createdAt(T0)
                .version(2).lastStatus("RUNNING").observedAt(T0 + 60_000).build());

        assertThat(index.lookupEni("eni-branch", T0 + 1).task().taskId).isEqualTo("branch");
        // a trunk ENI id in the record belongs to no task: the caller falls back to the address
        assertThat(index.lookupEni("eni-trunk", T0 + 1).reason()).isEqualTo(UnattributedReason.NEVER_SEEN);
    }

    @Test
    void newerThanWhatTheIndexKnowsIsIndexBehind() {
        index.apply(task("t").service("a").ip("10.0.5.1").eni("eni-1").createdAt(T0).stoppedAt(T0 + HOUR)
                .version(5).lastStatus("STOPPED").observedAt(T0 + HOUR).build());

        assertThat(reason("10.0.5.1", T0 + 3 * HOUR)).isEqualTo(UnattributedReason.INDEX_BEHIND);
        assertThat(reason("10.0.5.99", T0 + 3 * HOUR)).isEqualTo(UnattributedReason.INDEX_BEHIND);
        index.advanceKnownUntil(T0 + 4 * HOUR);
        assertThat(reason("10.0.5.1", T0 + 3 * HOUR)).isEqualTo(UnattributedReason.AFTER_LAST_OWNER);
        assertThat(reason("10.0.5.99", T0 + 3 * HOUR)).isEqualTo(UnattributedReason.NEVER_SEEN);
    }

    @Test
    void snapshotAndRestoreAnswerTheSame() {
        for (int t = 0; t < 50; t++) {
            long created = T0 + t * 10_000L;
            index.apply(task("t" + t).service("s").ip("10.0.6." + (t % 9)).eni("eni-" + t).createdAt(created)
                    .stoppedAt(t % 2 == 0 ? created + 60_000 : null).version(3).lastStatus("X").observedAt(created)
                    .build());
        }
        AttributionIndex restored = AttributionIndex.restore(index.snapshot(), index.knownUntil(), 24 * HOUR);

        for (long at = T0; at < T0 + 600_000; at += 3_333) {
            for (int ip = 0; ip < 9; ip++) {
                assertThat(restored.lookup("10.0.6." + ip, at).toString())
                        .isEqualTo(index.lookup("10.0.6." + ip, at).toString());
            }
        }
    }

    @Test
    void garbageAddressesAreNeverSeenNotErrors() {
        index.advanceKnownUntil(T0 + HOUR);
        for (String junk : new String[] {"", "x", "10.0.0", "1.2.3.4.5", "::::", "2001:db8::g", "999.1.1.1"}) {
            assertThat(index.lookup(junk, T0).reason()).as(junk).isEqualTo(UnattributedReason.NEVER_SEEN);
        }
        assertThat(index.lookup(null, T0).reason()).isEqualTo(UnattributedReason.NO_ADDRESS);
    }

    private String owner(String ip, long at) {
        Lookup lookup = index.lookup(ip, at);
        assertThat(lookup.isFound()).as(lookup.toString()).isTrue();
        return lookup.task().taskId;
    }

    private UnattributedReason reason(String ip, long at) {
        Lookup lookup = index.lookup(ip, at);
        assertThat(lookup.isFound()).as(lookup.toString()).isFalse();
        return lookup.reason();
    }
}
