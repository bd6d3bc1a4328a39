package dev.flowlens.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON form's exact text, pinned: consumers and the demo's outputs compare bytes, so a faster writer must write
 * the same ones. The expected text ({@code enriched-flow-pinned.jsonl}) is what the writer produced before its field names
 * were pre-encoded; it covers
 * every kind of value (numbers, strings needing escapes and non-ASCII, nulls, booleans, lists, a task, an
 * unattributed end with its reason) through both the UTF-8 and the character generator.
 */
class EnrichedFlowJsonBytesTest {
    /** The two flows' lines as the writer wrote them before (UTF-8, one per line). */
    static String expected() throws IOException {
        try (InputStream in = EnrichedFlowJsonBytesTest.class.getResourceAsStream("enriched-flow-pinned.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static EnrichedFlow flow() {
        FlowRecord record = new FlowRecord();
        record.version = 5;
        record.accountId = "123456789012";
        record.interfaceId = "eni-0a1b2c3d4e5f60718";
        record.srcAddr = "10.0.1.17";
        record.dstAddr = "52.94.133.131";
        record.srcPort = 44312;
        record.dstPort = 443;
        record.protocol = 6;
        record.packets = 12L;
        record.bytes = 4_321_000_000L;
        record.start = 1_700_000_000L;
        record.end = 1_700_000_060L;
        record.action = "ACCEPT";
        record.logStatus = "OK";
        record.vpcId = "vpc-0aaaaaaaaaaaaaaa1";
        record.tcpFlags = 19;
        record.pktDstAwsService = "S3";
        record.flowDirection = "egress";
        record.trafficPath = 8;
        record.interfaceTag = "team \"blue\" \\ caf\u00e9 \u2603 \u0001";
        record.packetsLostTtlExpired = 0L;

        TaskIdentity task = new TaskIdentity();
        task.accountId = "123456789012";
        task.region = "us-east-1";
        task.clusterName = "prod";
        task.clusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
        task.serviceName = "checkout";
        task.group = "service:checkout";
        task.taskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef";
        task.taskId = "0123456789abcdef0123456789abcdef";
        task.taskDefinition = "checkout:42";
        task.launchType = "FARGATE";
        task.availabilityZone = "us-east-1a";
        task.subnetId = "subnet-0123";
        task.eniId = "eni-0a1b2c3d4e5f60718";
        task.interfaceType = null;
        task.securityGroups = List.of("sg-1", "sg-2");

        FlowEndpoint src = new FlowEndpoint();
        src.address = "10.0.1.17";
        src.task = task;
        src.attribution = AttributionMethod.ENI;
        src.peerClass = PeerClass.TASK;

        FlowEndpoint dst = new FlowEndpoint();
        dst.address = "52.94.133.131";
        dst.attribution = AttributionMethod.UNATTRIBUTED;
        dst.unattributedReason = UnattributedReason.NEVER_SEEN;
        dst.peerClass = PeerClass.AWS_SERVICE;
        dst.awsService = "S3";
        dst.threatLists = List.of("list-a");

        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = src;
        flow.dst = dst;
        flow.direction = FlowDirection.EGRESS;
        flow.sameAz = null;
        flow.v7Mismatch = true;
        return flow;
    }

    /** A flow with almost nothing set: the nulls, the empty lists, unknown security groups. */
    static EnrichedFlow sparse() {
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = new FlowRecord();
        flow.src = new FlowEndpoint();
        flow.dst = new FlowEndpoint();
        flow.dst.task = new TaskIdentity();
        flow.sameAz = false;
        return flow;
    }

    @Test
    void theUtf8GeneratorWritesThePinnedBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(bytes)) {
            EnrichedFlowJson.write(json, flow());
        }
        ByteArrayOutputStream more = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(more)) {
            EnrichedFlowJson.write(json, sparse());
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8) + "\n" + more.toString(StandardCharsets.UTF_8) + "\n")
                .isEqualTo(expected());
    }

    @Test
    void theCharacterGeneratorWritesTheSameText() throws Exception {
        assertThat(EnrichedFlowJson.toJson(flow()) + "\n" + EnrichedFlowJson.toJson(sparse()) + "\n")
                .isEqualTo(expected());
    }
}
