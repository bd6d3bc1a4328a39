package dev.flowlens.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An owner whose STOPPED was lost and whose successor is in no metadata: the successor's records come from an
 * interface no metadata names. An interface records only its own address's traffic and a Fargate task's traffic is
 * recorded on its own ENI, so such a record contradicts the index's claimant when the other end cannot be the
 * interface's own: that end is {@code owner-uncertain}, never the stale task. Trunked (EC2) tasks, whose records
 * carry the trunk's id, and records consistent with the index keep their answers.
 */
class RecordingInterfaceEvidenceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String STALE = "10.0.1.50";
    private static final String WEB = "10.0.2.20";
    private static final long AT = T0 + 3_600_000; // an hour after the stale owner's last evidence

    private static List<TaskState> states() {
        TaskState trunked = task("etl").service("etl").ip("10.0.3.30").eni("eni-branch").createdAt(T0).build();
        trunked.identity.launchType = "EC2";
        trunked.identity.interfaceType = null; // EC2 not asked: it may be a trunk's branch
        return List.of(
                task("old").service("api").ip(STALE).eni("eni-old").createdAt(T0).build(), // STOPPED lost
                task("web").service("web").ip(WEB).eni("eni-web").createdAt(T0).build(),
                trunked);
    }

    @Test
    void aRecordFromAnUnknownInterfaceToTheInternetContradictsTheStaleOwner() {
        EnrichedFlow flow = attributor().enrich(flow().interfaceId("eni-successor").from(STALE).to("52.94.1.1")
                .at(AT / 1000).build());
        assertThat(flow.src.task).isNull();
        assertThat(flow.src.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
    }

    @Test
    void whenBothEndsAreClaimedByOtherDedicatedEnisNeitherIsConfident() {
        EnrichedFlow flow = attributor().enrich(flow().interfaceId("eni-successor").from(STALE).to(WEB).port(8080)
                .at(AT / 1000).build());
        assertThat(flow.src.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        assertThat(flow.dst.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        assertThat(flow.src.task).isNull();
        assertThat(flow.dst.task).isNull();
    }

    @Test
    void recordsConsistentWithTheIndexKeepTheirAnswers() {
        FlowAttributor attributor = attributor();
        // the stale owner's own ENI, and the peer's: no contradiction in the record
        assertThat(attributor.enrich(flow().interfaceId("eni-web").from(WEB).to(STALE).at(AT / 1000).build())
                .dst.task.taskId).isEqualTo("old");
        // a load balancer (no task) at 10.0.9.9 calling web: the interface's own end is the unclaimed one
        assertThat(attributor.enrich(flow().interfaceId("eni-lb").from("10.0.9.9").to(WEB).at(AT / 1000).build())
                .dst.task.taskId).isEqualTo("web");
        // a trunked EC2 task's records carry the trunk's id
        EnrichedFlow trunked = attributor.enrich(flow().interfaceId("eni-trunk").from("10.0.3.30").to(WEB)
                .at(AT / 1000).build());
        assertThat(trunked.src.task.taskId).isEqualTo("etl");
        assertThat(trunked.dst.task.taskId).isEqualTo("web");
    }

    private static FlowAttributor attributor() {
        AttributionIndex index = new AttributionIndex(86_400_000L);
        states().forEach(state -> index.apply(state.copy()));
        return new FlowAttributor(index, new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(),
                Map.of()));
    }
}
