package dev.flowlens.enrich;

import static dev.flowlens.enrich.Tasks.observed;
import static dev.flowlens.enrich.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
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
        index.apply(observed(task("web1", "web", "10.0.1.10", "eni-web1", T0, null), 3, "RUNNING", T0 + 3_600_000));
        TaskIdentity api = task("api1", "api", "10.0.2.20", "eni-api1", T0, null);
        api.availabilityZone = "us-east-1b";
        index.apply(observed(api, 3, "RUNNING", T0));
        PeerClassifier peers = new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(),
                Map.of("blocklist", List.of("198.51.100.0/24")));
        attributor = new FlowAttributor(index, peers);
    }

    @Test
    void eastWestNamesBothTasks() {
        EnrichedFlow flow = attributor.enrich(record("eni-web1", "10.0.1.10", "10.0.2.20"));

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
        EnrichedFlow toS3 = attributor.enrich(record("eni-web1", "10.0.1.10", "52.216.10.1"));
        assertThat(toS3.direction).isEqualTo(FlowDirection.EGRESS);
        assertThat(toS3.dst.peerClass).isEqualTo(PeerClass.AWS_SERVICE);
        assertThat(toS3.dst.awsService).isEqualTo("S3");
        assertThat(toS3.dst.attributionLabel()).isEqualTo("unattributed:never-seen");

        EnrichedFlow toBad = attributor.enrich(record("eni-web1", "10.0.1.10", "198.51.100.7"));
        assertThat(toBad.dst.peerClass).isEqualTo(PeerClass.INTERNET);
        assertThat(toBad.dst.threatLists).containsExactly("blocklist");
    }

    @Test
    void recordsOwnServiceFieldWins() {
        FlowRecord record = record("eni-web1", "10.0.1.10", "203.0.113.9");
        record.pktDstAwsService = "DYNAMODB";
        EnrichedFlow flow = attributor.enrich(record);
        assertThat(flow.dst.peerClass).isEqualTo(PeerClass.AWS_SERVICE);
        assertThat(flow.dst.awsService).isEqualTo("DYNAMODB");
    }

    @Test
    void ingressFromTheInternetAndSameVpcPeers() {
        EnrichedFlow in = attributor.enrich(record("eni-api1", "203.0.113.50", "10.0.2.20"));
        assertThat(in.direction).isEqualTo(FlowDirection.INGRESS);
        assertThat(in.src.peerClass).isEqualTo(PeerClass.INTERNET);
        assertThat(in.dst.attribution).isEqualTo(AttributionMethod.ENI);

        EnrichedFlow fromLb = attributor.enrich(record("eni-api1", "10.0.9.9", "10.0.2.20"));
        assertThat(fromLb.src.peerClass).isEqualTo(PeerClass.SAME_VPC);
    }

    @Test
    void trunkEniInTheRecordFallsBackToTheAddress() {
        EnrichedFlow flow = attributor.enrich(record("eni-trunk0001", "10.0.1.10", "52.216.10.1"));
        assertThat(flow.src.task.taskId).isEqualTo("web1");
        assertThat(flow.src.attribution).isEqualTo(AttributionMethod.IP_TIME);
    }

    @Test
    void v7FieldsAgreeingOrDisagreeing() {
        FlowRecord agreeing = record("eni-web1", "10.0.1.10", "52.216.10.1");
        agreeing.ecsTaskId = "web1";
        EnrichedFlow ok = attributor.enrich(agreeing);
        assertThat(ok.src.attribution).isEqualTo(AttributionMethod.V7_FIELDS);
        assertThat(ok.v7Mismatch).isFalse();

        FlowRecord disagreeing = record("eni-web1", "10.0.1.10", "52.216.10.1");
        disagreeing.ecsTaskId = "someone-else";
        EnrichedFlow flagged = attributor.enrich(disagreeing);
        assertThat(flagged.src.task.taskId).isEqualTo("web1");
        assertThat(flagged.v7Mismatch).isTrue();
    }

    @Test
    void flowsNewerThanTheIndexAreIndexBehindOnlyForAddressesThatCouldBeTasks() {
        FlowRecord late = record("eni-web1", "10.0.7.7", "203.0.113.9");
        late.start = T0 / 1000 + 7200; // after everything the index knows
        EnrichedFlow flow = attributor.enrich(late);
        assertThat(flow.src.unattributedReason).isEqualTo(UnattributedReason.INDEX_BEHIND);
        assertThat(flow.dst.unattributedReason).isEqualTo(UnattributedReason.NEVER_SEEN);
    }

    @Test
    void noDataRecordsHaveNoAddresses() {
        FlowRecord noData = new FlowRecord();
        noData.interfaceId = "eni-web1";
        noData.start = START;
        noData.logStatus = "NODATA";
        EnrichedFlow flow = attributor.enrich(noData);
        assertThat(flow.src.unattributedReason).isEqualTo(UnattributedReason.NO_ADDRESS);
        assertThat(flow.src.peerClass).isEqualTo(PeerClass.NONE);
        assertThat(flow.direction).isEqualTo(FlowDirection.UNKNOWN);
    }

    @Test
    void flowsNewerThanTheIndexWithAPossibleTaskEndWaitForMetadata() {
        long afterKnown = (T0 + 3_600_000) / 1000 + 60;
        FlowRecord newer = record("eni-web1", "10.0.1.10", "52.216.10.1");
        newer.start = afterKnown;
        EnrichedFlow found = attributor.enrich(newer);
        // web1 still holds its address as far as the index knows, but it may have stopped since: wait
        assertThat(found.src.task.taskId).isEqualTo("web1");
        assertThat(attributor.waitsForMetadata(found, 0)).isTrue();

        FlowRecord internetOnly = record("eni-x", "203.0.113.1", "198.51.100.7");
        internetOnly.start = afterKnown;
        assertThat(attributor.waitsForMetadata(attributor.enrich(internetOnly), 0)).isFalse();

        EnrichedFlow older = attributor.enrich(record("eni-web1", "10.0.1.10", "52.216.10.1"));
        assertThat(attributor.waitsForMetadata(older, 0)).as("older than what the index knows").isFalse();
        assertThat(attributor.waitsForMetadata(older, 3_600_000))
                .as("metadata an hour out of order is complete only up to an hour before its newest").isTrue();

        FlowRecord noData = record("eni-web1", null, null);
        noData.start = afterKnown;
        assertThat(attributor.waitsForMetadata(attributor.enrich(noData), 0)).as("no address to attribute").isFalse();
    }

    private static FlowRecord record(String eni, String src, String dst) {
        FlowRecord record = new FlowRecord();
        record.version = 2;
        record.interfaceId = eni;
        record.srcAddr = src;
        record.dstAddr = dst;
        record.srcPort = 40000;
        record.dstPort = 443;
        record.protocol = 6;
        record.packets = 10L;
        record.bytes = 5000L;
        record.start = START;
        record.end = START + 60;
        record.action = "ACCEPT";
        record.logStatus = "OK";
        return record;
    }
}
