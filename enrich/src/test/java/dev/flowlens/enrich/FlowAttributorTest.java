package dev.flowlens.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.UnattributedReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowAttributorTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long START = T0 / 1000 + 600; // a flow ten minutes in, epoch seconds

    private final AttributionIndex index = new AttributionIndex(86_400_000L);
    private FlowAttributor attributor;

    @BeforeEach
    void setUp() {
        index.apply(task("web1").service("web").ip("10.0.1.10").eni("eni-web1").createdAt(T0)
                .version(3).lastStatus("RUNNING").observedAt(T0 + 3_600_000).build());
        index.apply(task("api1").service("api").ip("10.0.2.20").eni("eni-api1").az("us-east-1b").createdAt(T0)
                .version(3).lastStatus("RUNNING").observedAt(T0).build());
        PeerClassifier peers = new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(),
                Map.of("blocklist", List.of("198.51.100.0/24")));
        attributor = new FlowAttributor(index, peers);
    }

    @Test
    void eastWestNamesBothTasks() {
        EnrichedFlow flow = attributor.enrich(flow().interfaceId("eni-web1").from("10.0.1.10").to("10.0.2.20")
                .at(START).build());

        assertThat(flow.direction).isEqualTo(FlowDirection.EAST_WEST);
        assertThat(flow.src.task.serviceName).isEqualTo("web");
        assertThat(flow.src.attribution).isEqualTo(AttributionMethod.ENI);
        assertThat(flow.dst.task.serviceName).isEqualTo("api");
        assertThat(flow.dst.attribution).isEqualTo(AttributionMethod.IP_TIME);
        assertThat(flow.sameAz).isFalse();
        assertThat(flow.src.peerClass).isEqualTo(PeerClass.TASK);
    }

    @Test
    void egressToAnAwsServiceAndToADenyListedAddress() {
        EnrichedFlow toS3 = attributor.enrich(flow().interfaceId("eni-web1").from("10.0.1.10").to("52.216.10.1")
                .at(START).build());
        assertThat(toS3.direction).isEqualTo(FlowDirection.EGRESS);
        assertThat(toS3.dst.peerClass).isEqualTo(PeerClass.AWS_SERVICE);
        assertThat(toS3.dst.awsService).isEqualTo("S3");
        assertThat(toS3.dst.attributionLabel()).isEqualTo("unattributed:never-seen");

        EnrichedFlow toBad = attributor.enrich(flow().interfaceId("eni-web1").from("10.0.1.10").to("198.51.100.7")
                .at(START).build());
        assertThat(toBad.dst.peerClass).isEqualTo(PeerClass.INTERNET);
        assertThat(toBad.dst.threatLists).containsExactly("blocklist");
    }

    @Test
    void recordsOwnServiceFieldWins() {
        EnrichedFlow flow = attributor.enrich(flow().interfaceId("eni-web1").from("10.0.1.10").to("203.0.113.9")
                .at(START).dstAwsService("DYNAMODB").build());
        assertThat(flow.dst.peerClass).isEqualTo(PeerClass.AWS_SERVICE);
        assertThat(flow.dst.awsService).isEqualTo("DYNAMODB");
    }

    @Test
    void ingressFromTheInternetAndSameVpcPeers() {
        EnrichedFlow in = attributor.enrich(flow().interfaceId("eni-api1").from("203.0.113.50").to("10.0.2.20")
                .at(START).build());
        assertThat(in.direction).isEqualTo(FlowDirection.INGRESS);
        assertThat(in.src.peerClass).isEqualTo(PeerClass.INTERNET);
        assertThat(in.dst.attribution).isEqualTo(AttributionMethod.ENI);

        EnrichedFlow fromLb = attributor.enrich(flow().interfaceId("eni-api1").from("10.0.9.9").to("10.0.2.20")
                .at(START).build());
        assertThat(fromLb.src.peerClass).isEqualTo(PeerClass.SAME_VPC);
    }

    @Test
    void trunkEniInTheRecordFallsBackToTheAddress() {
        // ENI trunking is for the EC2 launch type only: a branch ENI's traffic is recorded on the trunk
        dev.flowlens.schemas.TaskState branch = task("batch1").service("batch").ip("10.0.1.40").eni("eni-branch1")
                .createdAt(T0).build();
        branch.identity.launchType = "EC2";
        branch.identity.interfaceType = "branch";
        index.apply(branch);
        EnrichedFlow flow = attributor.enrich(flow().interfaceId("eni-trunk0001").from("10.0.1.40").to("52.216.10.1")
                .at(START).build());
        assertThat(flow.src.task.taskId).isEqualTo("batch1");
        assertThat(flow.src.attribution).isEqualTo(AttributionMethod.IP_TIME);
    }

    @Test
    void v7FieldsAgreeingOrDisagreeing() {
        FlowRecord agreeing = flow().interfaceId("eni-web1").from("10.0.1.10").to("52.216.10.1").at(START)
                .ecsTaskId("web1").build();
        EnrichedFlow ok = attributor.enrich(agreeing);
        assertThat(ok.src.attribution).isEqualTo(AttributionMethod.V7_FIELDS);
        assertThat(ok.v7Mismatch).isFalse();

        FlowRecord disagreeing = flow().interfaceId("eni-web1").from("10.0.1.10").to("52.216.10.1").at(START)
                .ecsTaskId("someone-else").build();
        EnrichedFlow flagged = attributor.enrich(disagreeing);
        assertThat(flagged.src.task.taskId).isEqualTo("web1");
        assertThat(flagged.v7Mismatch).isTrue();
    }

    @Test
    void flowsNewerThanTheIndexAreIndexBehindOnlyForAddressesThatCouldBeTasks() {
        FlowRecord late = flow().interfaceId("eni-web1").from("10.0.7.7").to("203.0.113.9")
                .at(T0 / 1000 + 7200).build(); // after everything the index knows
        EnrichedFlow flow = attributor.enrich(late);
        assertThat(flow.src.unattributedReason).isEqualTo(UnattributedReason.INDEX_BEHIND);
        assertThat(flow.dst.unattributedReason).isEqualTo(UnattributedReason.NEVER_SEEN);
    }

    @Test
    void noDataRecordsHaveNoAddresses() {
        FlowRecord noData = flow().interfaceId("eni-nobody").at(START).noData().build();
        EnrichedFlow flow = attributor.enrich(noData);
        assertThat(flow.src.unattributedReason).isEqualTo(UnattributedReason.NO_ADDRESS);
        assertThat(flow.src.peerClass).isEqualTo(PeerClass.NONE);
        assertThat(flow.direction).isEqualTo(FlowDirection.UNKNOWN);
    }

    @Test
    void noDataAndSkipDataRecordsCarryTheTaskOfTheirInterfaceOnTheRecordingEnd() {
        for (String status : new String[] {"NODATA", "SKIPDATA"}) {
            FlowRecord record = flow().interfaceId("eni-api1").at(START).noData().build();
            record.logStatus = status;

            EnrichedFlow flow = attributor.enrich(record);

            assertThat(flow.src.task.taskId).as(status).isEqualTo("api1");
            assertThat(flow.src.attribution).as(status).isEqualTo(AttributionMethod.ENI);
            assertThat(flow.src.unattributedReason).as(status).isNull();
            assertThat(flow.src.peerClass).as(status).isEqualTo(PeerClass.TASK);
            assertThat(flow.dst.task).as(status).isNull();
            assertThat(flow.dst.unattributedReason).as(status).isEqualTo(UnattributedReason.NO_ADDRESS);
            assertThat(flow.direction).as(status).isEqualTo(FlowDirection.UNKNOWN);
        }
        FlowRecord beforeTheTask = flow().interfaceId("eni-api1").at(T0 / 1000 - 600).noData().build();
        assertThat(attributor.enrich(beforeTheTask).src.task).as("the interface had no task then").isNull();
    }

    @Test
    void flowsNewerThanTheIndexWithAPossibleTaskEndWaitForMetadata() {
        long afterKnown = (T0 + 3_600_000) / 1000 + 60;
        FlowRecord newer = flow().interfaceId("eni-web1").from("10.0.1.10").to("52.216.10.1").at(afterKnown).build();
        EnrichedFlow found = attributor.enrich(newer);
        // web1 still holds its address as far as the index knows, but it may have stopped since: wait
        assertThat(found.src.task.taskId).isEqualTo("web1");
        assertThat(attributor.waitsForMetadata(found, 0)).isTrue();

        FlowRecord internetOnly = flow().interfaceId("eni-x").from("203.0.113.1").to("198.51.100.7").at(afterKnown)
                .build();
        assertThat(attributor.waitsForMetadata(attributor.enrich(internetOnly), 0)).isFalse();

        EnrichedFlow older = attributor.enrich(flow().interfaceId("eni-web1").from("10.0.1.10").to("52.216.10.1")
                .at(START).build());
        assertThat(attributor.waitsForMetadata(older, 0)).as("older than what the index knows").isFalse();
        assertThat(attributor.waitsForMetadata(older, 3_600_000))
                .as("metadata an hour out of order is complete only up to an hour before its newest").isTrue();

        FlowRecord noData = flow().interfaceId("eni-web1").from(null).to(null).at(afterKnown).build();
        assertThat(attributor.waitsForMetadata(attributor.enrich(noData), 0)).as("no address to attribute").isFalse();
        FlowRecord quietWindow = flow().interfaceId("eni-web1").noData().at(afterKnown).build();
        assertThat(attributor.waitsForMetadata(attributor.enrich(quietWindow), 0))
                .as("a NODATA record names its interface's task, which later metadata may change").isTrue();
    }
}
