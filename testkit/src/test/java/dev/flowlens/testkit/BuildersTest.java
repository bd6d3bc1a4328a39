package dev.flowlens.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults the builders promise, since tests rely on them without saying so. */
class BuildersTest {
    @Test
    void aFlowHasEveryVersion2FieldAndEachBuildIsANewRecord() {
        FlowRecordBuilder builder = Flows.flow().from("10.0.1.5").to("52.1.2.3").port(8443).at(1_000);
        FlowRecord flow = builder.build();

        assertThat(FlowLogField.DEFAULT_FORMAT).allSatisfy(field -> assertThat(field.get(flow)).as(field.awsName()).isNotNull());
        assertThat(flow.srcAddr).isEqualTo("10.0.1.5");
        assertThat(flow.dstPort).isEqualTo(8443);
        assertThat(flow.end - flow.start).isEqualTo(FlowRecordBuilder.WINDOW_SECONDS);
        assertThat(builder.build()).isEqualTo(flow).isNotSameAs(flow);
    }

    @Test
    void aNoDataRecordHasNoAddressesPortsOrCounts() {
        FlowRecord flow = Flows.flow().noData().build();

        assertThat(flow.logStatus).isEqualTo("NODATA");
        assertThat(List.of(FlowLogField.SRCADDR, FlowLogField.DSTADDR, FlowLogField.SRCPORT, FlowLogField.DSTPORT,
                FlowLogField.PROTOCOL, FlowLogField.PACKETS, FlowLogField.BYTES, FlowLogField.ACTION))
                .allSatisfy(field -> assertThat(field.get(flow)).as(field.awsName()).isNull());
    }

    @Test
    void aTaskIsObservedAsEcsReportsItsRunOrItsStop() {
        TaskState running = TaskStates.task("t1").service("web").createdAt(10_000L).build();
        TaskState stopped = TaskStates.task("t1").createdAt(10_000L).stoppedAt(99_000L).build();

        assertThat(running.identity.group).isEqualTo("service:web");
        assertThat(running.identity.securityGroups).containsExactly("sg-0web");
        assertThat(running.identity.startedAt).isEqualTo(30_000L);
        assertThat(running.identity.taskArn).endsWith(":task/" + TestAccount.CLUSTER_NAME + "/t1");
        assertThat(List.of(running.version, running.lastStatus, running.observedAt))
                .containsExactly(3L, "RUNNING", 40_000L);
        assertThat(List.of(stopped.version, stopped.lastStatus, stopped.observedAt))
                .containsExactly(6L, "STOPPED", 99_000L);
        assertThat(TaskStates.task("b").standalone("batch").identity().group).isEqualTo("family:batch");
    }

    @Test
    void anEnrichedFlowsDirectionAndEndsFollowItsTasks() {
        TaskIdentity web = TaskStates.task("web1").identity();
        TaskIdentity api = TaskStates.task("api1").az("us-east-1b").identity();
        FlowRecord record = Flows.flow().build();

        EnrichedFlow egress = EnrichedFlows.enriched(record).srcTask(web).build();
        assertThat(egress.direction).isEqualTo(FlowDirection.EGRESS);
        assertThat(egress.src.attribution).isEqualTo(AttributionMethod.IP_TIME);
        assertThat(egress.src.peerClass).isEqualTo(PeerClass.TASK);
        assertThat(egress.dst.attributionLabel()).isEqualTo("unattributed:never-seen");
        assertThat(egress.dst.peerClass).isEqualTo(PeerClass.INTERNET);
        assertThat(egress.sameAz).isNull();

        EnrichedFlow eastWest = EnrichedFlows.enriched(record).srcTask(web).dstTask(api).build();
        assertThat(eastWest.direction).isEqualTo(FlowDirection.EAST_WEST);
        assertThat(eastWest.sameAz).isFalse();

        EnrichedFlow ingress = EnrichedFlows.enriched(Flows.flow().from(null).build()).dstTask(web).build();
        assertThat(ingress.direction).isEqualTo(FlowDirection.INGRESS);
        assertThat(ingress.src.unattributedReason).isEqualTo(UnattributedReason.NO_ADDRESS);
        assertThat(ingress.src.peerClass).isEqualTo(PeerClass.NONE);
    }
}
