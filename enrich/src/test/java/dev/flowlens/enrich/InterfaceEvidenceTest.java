package dev.flowlens.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evidence from interfaces against stale owners: an owner whose STOPPED was lost, a successor no metadata names whose
 * own interface's records show it using the address, and a peer's flow to the address recorded on the peer's ENI —
 * nothing in that record reveals the successor, the successor's records do. The peer's end answers
 * {@code owner-uncertain}, never the stale task; the owner's own ENI, interfaces with several addresses and trunks
 * prove nothing against it.
 */
class InterfaceEvidenceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final String STALE = "10.0.1.50";
    private static final String WEB = "10.0.2.20";
    private static final String BALANCER = "10.0.9.9"; // no task
    private static final String BRANCH = "10.0.3.30";

    /** The stale owner (STOPPED lost; its own ENI records until T0+10 min), a peer, and a trunked EC2 task. */
    private static List<TaskState> states() {
        TaskState branch = task("etl").service("etl").ip(BRANCH).eni("eni-branch").createdAt(T0).build();
        branch.identity.launchType = "EC2";
        branch.identity.interfaceType = "branch";
        return List.of(task("old").service("api").ip(STALE).eni("eni-old").createdAt(T0).startedAt(T0 + 20_000)
                        .build(),
                task("web").service("web").ip(WEB).eni("eni-web").createdAt(T0).startedAt(T0 + 20_000).build(),
                branch);
    }

    /** The old owner's own records while it ran, and the successor's from T0+20 min: only VPC peers, so no single record says which end is its own. */
    private static List<FlowRecord> records() {
        return List.of(
                at(0, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(10, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(20, flow().interfaceId("eni-successor").from(STALE).to(WEB).port(8080)),
                at(21, flow().interfaceId("eni-successor").from(BALANCER).to(STALE).port(8080)),
                at(30, flow().interfaceId("eni-successor").from(BALANCER).to(STALE).port(8080)));
    }

    private static FlowRecord peersFlowAt(long minutes) {
        return at(minutes, flow().interfaceId("eni-web").from(WEB).to(STALE).port(8080));
    }

    @Test
    void aPeersFlowToAnAddressTheSuccessorsInterfaceUsesIsUncertainNotTheStaleOwner() {
        FlowAttributor without = attributor(null, records());
        assertThat(without.enrich(peersFlowAt(25)).dst.task.taskId).isEqualTo("old"); // what the index alone says

        FlowAttributor with = attributor(new InterfaceEvidence(86_400_000L), records());
        EnrichedFlow later = with.enrich(peersFlowAt(25));
        assertThat(later.dst.task).isNull();
        assertThat(later.dst.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        assertThat(later.src.task.taskId).isEqualTo("web");
        // between the old owner's last record and the successor's first, either may have held it
        assertThat(with.enrich(peersFlowAt(15)).dst.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        // while the old owner's own ENI still recorded it, it is the old owner's
        assertThat(with.enrich(peersFlowAt(5)).dst.task.taskId).isEqualTo("old");
        assertThat(with.enrich(peersFlowAt(10)).dst.task.taskId).isEqualTo("old");
    }

    @Test
    void theOwnersOwnEniDoesNotCutIt() {
        List<FlowRecord> own = List.of(
                at(0, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(40, flow().interfaceId("eni-old").from(BALANCER).to(STALE).port(8080)));
        FlowAttributor attributor = attributor(new InterfaceEvidence(86_400_000L), own);
        assertThat(attributor.enrich(peersFlowAt(25)).dst.task.taskId).isEqualTo("old");
        assertThat(attributor.enrich(peersFlowAt(60)).dst.task.taskId).isEqualTo("old");
    }

    @Test
    void evidenceOverlappingTheOwnersOwnDecidesNothing() {
        // another interface seen with the address while the owner's ENI still records it: a conflict, not a proof
        List<FlowRecord> both = List.of(
                at(0, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(20, flow().interfaceId("eni-other").from(STALE).to("52.94.1.1").port(443)),
                at(30, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)));
        FlowAttributor attributor = attributor(new InterfaceEvidence(86_400_000L), both);
        assertThat(attributor.enrich(peersFlowAt(25)).dst.task.taskId).isEqualTo("old");
    }

    @Test
    void anInterfaceWithSeveralOwnAddressesProvesNothing() {
        // each record alone names its own end (the other is the internet), but they name two: a trunk, or
        // secondary addresses, not one task's ENI
        List<FlowRecord> multi = List.of(
                at(0, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(20, flow().interfaceId("eni-shared").from(STALE).to("52.94.1.1").port(443)),
                at(21, flow().interfaceId("eni-shared").from("10.0.5.5").to("52.94.1.1").port(443)));
        FlowAttributor attributor = attributor(new InterfaceEvidence(86_400_000L), multi);
        assertThat(attributor.enrich(peersFlowAt(25)).dst.task.taskId).isEqualTo("old");
    }

    @Test
    void aTrunksRecordsProveNothingAboutOneBranch() {
        // the trunk records its branches' traffic under its own id; a branch task's claim is never cut by them
        List<FlowRecord> trunk = List.of(
                at(20, flow().interfaceId("eni-trunk").from(BRANCH).to("52.94.1.1").port(443)),
                at(21, flow().interfaceId("eni-trunk").from(BRANCH).to("52.94.1.2").port(443)));
        FlowAttributor attributor = attributor(new InterfaceEvidence(86_400_000L), trunk);
        EnrichedFlow toBranch = attributor.enrich(at(25, flow().interfaceId("eni-web").from(WEB).to(BRANCH)
                .port(8080)));
        assertThat(toBranch.dst.task.taskId).isEqualTo("etl");
    }

    @Test
    void aSingleRecordNamesItsOwnEndWhenTheOtherIsOutsideTheVpc() {
        List<FlowRecord> one = List.of(
                at(0, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(20, flow().interfaceId("eni-successor").from(STALE).to("52.94.1.1").port(443)));
        FlowAttributor attributor = attributor(new InterfaceEvidence(86_400_000L), one);
        assertThat(attributor.enrich(peersFlowAt(25)).dst.unattributedReason)
                .isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
    }

    @Test
    void aSuccessorUntilTheTaskStartedIsNotTheTasks() {
        // a claim created at T0 that started at T0+30 min; another interface used the address until T0+20 min
        TaskState late = task("late").service("api").ip(STALE).eni("eni-late").createdAt(T0)
                .startedAt(T0 + 30 * MINUTE).build();
        AttributionIndex index = new AttributionIndex(86_400_000L);
        index.apply(late);
        index.apply(states().get(1).copy());
        InterfaceEvidence evidence = new InterfaceEvidence(86_400_000L);
        FlowAttributor attributor = new FlowAttributor(index, peers(), evidence);
        attributor.observe(at(20, flow().interfaceId("eni-before").from(STALE).to("52.94.1.1").port(443)));
        assertThat(attributor.enrich(peersFlowAt(10)).dst.unattributedReason)
                .isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        assertThat(attributor.enrich(peersFlowAt(40)).dst.task.taskId).isEqualTo("late");
    }

    @Test
    void evidenceIsScopedByAccount() {
        List<FlowRecord> otherAccount = List.of(
                at(0, flow().interfaceId("eni-old").from(STALE).to(WEB).port(8080)),
                at(20, flow().accountId("999999999999").interfaceId("eni-elsewhere").from(STALE).to("52.94.1.1")
                        .port(443)));
        FlowAttributor attributor = attributor(new InterfaceEvidence(86_400_000L), otherAccount);
        assertThat(attributor.enrich(peersFlowAt(25)).dst.task.taskId).isEqualTo("old");
    }

    @Test
    void memoryIsBoundedPerAddressAndByTheRetention() {
        String scope = InterfaceEvidence.scope("111111111111", null);
        // a task that started at T0+5.5 min: eni-1 used its address at T0+1 min, so a flow then is not the task's
        TaskIdentity later = task("later").ip(STALE).eni("eni-x").startedAt(T0 + 330_000).build().identity;
        InterfaceEvidence one = new InterfaceEvidence(60 * MINUTE);
        one.used(scope, "eni-1", STALE, T0 + MINUTE);
        assertThat(one.contradicts(scope, STALE, later, T0 + 330_000, T0 + MINUTE)).isTrue();

        InterfaceEvidence evidence = new InterfaceEvidence(60 * MINUTE);
        for (int i = 0; i < 20; i++) {
            evidence.used(scope, "eni-" + i, STALE, T0 + i * MINUTE);
        }
        // only the newest eight interfaces (eni-12 to eni-19) are kept: eni-1's use is forgotten
        assertThat(evidence.contradicts(scope, STALE, later, T0 + 330_000, T0 + MINUTE)).isFalse();
        TaskIdentity early = task("early").ip(STALE).eni("eni-x").startedAt(T0).build().identity;
        assertThat(evidence.contradicts(scope, STALE, early, T0 + 11 * MINUTE, T0 + 30 * MINUTE)).isTrue();
        evidence.expire(T0 + 200 * MINUTE);
        assertThat(evidence.addressCount()).isZero();
        assertThat(evidence.interfaceCount()).isZero();
        assertThat(evidence.contradicts(scope, STALE, early, T0 + 11 * MINUTE, T0 + 30 * MINUTE)).isFalse();
    }

    @Test
    void whatACheckpointKeepsAnswersAsBefore() {
        InterfaceEvidence evidence = new InterfaceEvidence(86_400_000L);
        AttributionIndex index = new AttributionIndex(86_400_000L);
        states().forEach(state -> index.apply(state.copy()));
        FlowAttributor observer = new FlowAttributor(index, peers(), evidence);
        records().forEach(observer::observe);
        observer.observe(at(20, flow().interfaceId("eni-shared").from("10.0.7.7").to("52.94.1.1").port(443)));
        observer.observe(at(21, flow().interfaceId("eni-shared").from("10.0.7.8").to("52.94.1.1").port(443)));

        InterfaceEvidence restored = new InterfaceEvidence(86_400_000L);
        restored.restore(evidence.facts());
        assertThat(restored.addressCount()).isEqualTo(evidence.addressCount());
        FlowAttributor attributor = new FlowAttributor(index, peers(), restored);
        assertThat(attributor.enrich(peersFlowAt(25)).dst.unattributedReason)
                .isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        assertThat(attributor.enrich(peersFlowAt(5)).dst.task.taskId).isEqualTo("old");
        // the interface with two own addresses still proves nothing after the restore
        TaskIdentity seventh = task("seventh").ip("10.0.7.7").eni("eni-seventh").startedAt(T0).build().identity;
        String scope = InterfaceEvidence.scope(seventh.accountId, null);
        assertThat(restored.contradicts(scope, "10.0.7.7", seventh, T0, T0 + 30 * MINUTE)).isFalse();
        InterfaceEvidence single = new InterfaceEvidence(86_400_000L);
        single.used(scope, "eni-shared", "10.0.7.7", T0 + 20 * MINUTE);
        assertThat(single.contradicts(scope, "10.0.7.7", seventh, T0, T0 + 30 * MINUTE)).isTrue();
    }

    private static FlowRecord at(long minutes, dev.flowlens.testkit.FlowRecordBuilder builder) {
        return builder.at((T0 + minutes * MINUTE) / 1000).build();
    }

    /** The index of {@link #states}, with every record observed first, as a bounded run does. */
    private static FlowAttributor attributor(InterfaceEvidence evidence, List<FlowRecord> records) {
        AttributionIndex index = new AttributionIndex(86_400_000L);
        states().forEach(state -> index.apply(state.copy()));
        FlowAttributor attributor = new FlowAttributor(index, peers(), evidence);
        records.forEach(attributor::observe);
        return attributor;
    }

    private static PeerClassifier peers() {
        return new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(), Map.of());
    }
}
