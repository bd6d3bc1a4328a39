package dev.flowlens.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading the JSON form back gives the flow that was written; anything else is an error naming the field. */
class EnrichedFlowJsonReadTest {
    private static final String HOSTILE = "ünï \"quoted\" back\\slash\ttab\nnewline \u0001 名前 😀 </script>";

    @Test
    void everyRecordFieldSurvivesTheRoundTrip() throws Exception {
        FlowRecord record = new FlowRecord();
        for (FlowLogField field : FlowLogField.values()) {
            field.set(record, valueFor(field));
        }
        EnrichedFlow flow = flow(record);

        EnrichedFlow read = roundTrip(flow);

        assertThat(read.record).isEqualTo(record);
        for (FlowLogField field : FlowLogField.values()) { // FlowRecord.equals compares these; say which one failed
            assertThat(field.get(read.record)).as(field.awsName()).isNotNull().isEqualTo(field.get(record));
        }
    }

    @Test
    void absentRecordFieldsStayAbsent() throws Exception {
        FlowRecord record = new FlowRecord();
        record.version = 2;
        record.logStatus = "NODATA";

        EnrichedFlow read = roundTrip(flow(record));

        assertThat(read.record).isEqualTo(record);
        assertThat(read.record.srcAddr).isNull();
        assertThat(read.record.packets).isNull();
    }

    @Test
    void nullListsAndFlagsKeepTheirMeaning() throws Exception {
        EnrichedFlow flow = flow(new FlowRecord());
        flow.src.task = task(null); // groups unknown
        flow.dst.task = task(new ArrayList<>()); // groups known: none
        flow.src.threatLists = new ArrayList<>();
        flow.dst.threatLists = new ArrayList<>(List.of("spamhaus-drop", HOSTILE));
        flow.sameAz = null;
        flow.direction = null;
        flow.src.address = null;
        flow.src.attribution = null;
        flow.src.peerClass = null;

        EnrichedFlow read = roundTrip(flow);

        assertThat(read.src.task.securityGroups).isNull();
        assertThat(read.dst.task.securityGroups).isNotNull().isEmpty();
        assertThat(read.dst.threatLists).containsExactly("spamhaus-drop", HOSTILE);
        assertThat(read.sameAz).isNull();
        assertThat(read).usingRecursiveComparison().isEqualTo(flow);
    }

    @Test
    void hostileTextAndIpv6AddressesSurvive() throws Exception {
        FlowRecord record = new FlowRecord();
        record.srcAddr = "2600:1f18:4a3:6c00:7d2b:d3c1:1b0e:2f44";
        record.pktDstAddr = "::ffff:10.0.1.5";
        record.instanceTag = HOSTILE;
        EnrichedFlow flow = flow(record);
        flow.src.address = record.srcAddr;
        flow.dst.address = "fe80::1%eth0";
        flow.src.task = task(new ArrayList<>(List.of("sg-0123456789abcdef0", HOSTILE)));
        flow.src.task.serviceName = HOSTILE;
        flow.src.task.group = "service:" + HOSTILE;
        flow.dst.awsService = HOSTILE;
        flow.sameAz = true;
        flow.v7Mismatch = true;

        assertThat(roundTrip(flow)).usingRecursiveComparison().isEqualTo(flow);
    }

    @ParameterizedTest
    @EnumSource(FlowDirection.class)
    void everyDirection(FlowDirection direction) throws Exception {
        EnrichedFlow flow = flow(new FlowRecord());
        flow.direction = direction;
        assertThat(roundTrip(flow).direction).isEqualTo(direction);
    }

    @ParameterizedTest
    @EnumSource(PeerClass.class)
    void everyPeerClass(PeerClass peerClass) throws Exception {
        EnrichedFlow flow = flow(new FlowRecord());
        flow.dst.peerClass = peerClass;
        assertThat(roundTrip(flow).dst.peerClass).isEqualTo(peerClass);
    }

    @ParameterizedTest
    @EnumSource(value = AttributionMethod.class, names = "UNATTRIBUTED", mode = EnumSource.Mode.EXCLUDE)
    void everyAttributionMethod(AttributionMethod method) throws Exception {
        EnrichedFlow flow = flow(new FlowRecord());
        flow.src.attribution = method;
        flow.src.task = task(List.of("sg-1"));
        EnrichedFlow read = roundTrip(flow);
        assertThat(read.src.attribution).isEqualTo(method);
        assertThat(read.src.unattributedReason).isNull();
    }

    @ParameterizedTest
    @EnumSource(UnattributedReason.class)
    void everyUnattributedReason(UnattributedReason reason) throws Exception {
        EnrichedFlow flow = flow(new FlowRecord());
        flow.dst.attribution = AttributionMethod.UNATTRIBUTED;
        flow.dst.unattributedReason = reason;
        EnrichedFlow read = roundTrip(flow);
        assertThat(read.dst.attribution).isEqualTo(AttributionMethod.UNATTRIBUTED);
        assertThat(read.dst.unattributedReason).isEqualTo(reason);
    }

    @Test
    void unattributedWithoutAReasonReadsAsSuch() throws Exception {
        EnrichedFlow flow = flow(new FlowRecord());
        flow.dst.attribution = AttributionMethod.UNATTRIBUTED;
        flow.dst.unattributedReason = null;
        EnrichedFlow read = roundTrip(flow);
        assertThat(read.dst.attribution).isEqualTo(AttributionMethod.UNATTRIBUTED);
        assertThat(read.dst.unattributedReason).isNull();
    }

    @Test
    void readLeavesTheParserOnTheObjectsEndSoLinesCanFollow() throws Exception {
        EnrichedFlow first = flow(new FlowRecord());
        first.direction = FlowDirection.EGRESS;
        EnrichedFlow second = flow(new FlowRecord());
        second.direction = FlowDirection.INGRESS;
        String lines = EnrichedFlowJson.toJson(first) + "\n" + EnrichedFlowJson.toJson(second) + "\n";
        try (JsonParser json = new JsonFactory().createParser(lines)) {
            assertThat(EnrichedFlowJson.read(json).direction).isEqualTo(FlowDirection.EGRESS);
            json.nextToken();
            assertThat(EnrichedFlowJson.read(json).direction).isEqualTo(FlowDirection.INGRESS);
            assertThat(json.nextToken()).isNull();
        }
    }

    @Test
    void absentOptionalFieldsAreDefaults() throws Exception {
        EnrichedFlow read = EnrichedFlowJson.parse("{\"flow\":{},\"src\":{},\"dst\":{\"task\":{\"task-id\":\"t1\"}}}");
        assertThat(read.direction).isNull();
        assertThat(read.sameAz).isNull();
        assertThat(read.v7Mismatch).isFalse();
        assertThat(read.src.threatLists).isNotNull().isEmpty();
        assertThat(read.dst.task.securityGroups).as("absent groups are unknown, not none").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field                | {"flow":{},"src":{},"dst":{},"colour":"red"}                      | 'colour'
            repeated field               | {"flow":{},"src":{},"dst":{},"src":{}}                            | src
            missing src                  | {"flow":{},"dst":{}}                                              | 'src'
            null flow                    | {"flow":null,"src":{},"dst":{}}                                   | 'flow'
            not an object                | ["flow"]                                                          | enriched flow object
            empty text                   | ''                                                                | enriched flow object
            text after the object        | {"flow":{},"src":{},"dst":{}} {}                                  | text after
            unknown record field         | {"flow":{"srcadr":"10.0.0.1"},"src":{},"dst":{}}                  | 'srcadr'
            Parquet name in the record   | {"flow":{"log_status":"OK"},"src":{},"dst":{}}                    | 'log_status'
            number as text               | {"flow":{"dstport":"443"},"src":{},"dst":{}}                      | 'flow.dstport'
            fraction                     | {"flow":{"bytes":1.5},"src":{},"dst":{}}                          | 'flow.bytes'
            port out of range            | {"flow":{"dstport":70000},"src":{},"dst":{}}                      | 'flow.dstport'
            negative packets             | {"flow":{"packets":-1},"src":{},"dst":{}}                         | 'flow.packets'
            beyond 64 bits               | {"flow":{"bytes":99999999999999999999},"src":{},"dst":{}}         | 'flow.bytes'
            text as number               | {"flow":{"account-id":123456789012},"src":{},"dst":{}}            | 'flow.account-id'
            unknown action               | {"flow":{"action":"accept"},"src":{},"dst":{}}                    | 'flow.action'
            unknown log status           | {"flow":{"log-status":"MAYBE"},"src":{},"dst":{}}                 | 'flow.log-status'
            unknown direction            | {"flow":{},"direction":"sideways","src":{},"dst":{}}              | 'direction'
            same-az as text              | {"flow":{},"same-az":"true","src":{},"dst":{}}                    | 'same-az'
            v7-mismatch as number        | {"flow":{},"v7-mismatch":1,"src":{},"dst":{}}                     | 'v7-mismatch'
            src as array                 | {"flow":{},"src":[],"dst":{}}                                     | 'src'
            unknown endpoint field       | {"flow":{},"src":{"adress":"10.0.0.1"},"dst":{}}                  | 'src.adress'
            unknown attribution          | {"flow":{},"src":{"attribution":"guess"},"dst":{}}                | 'src.attribution'
            unknown unattributed reason  | {"flow":{},"src":{},"dst":{"attribution":"unattributed:lost"}}    | 'dst.attribution'
            unknown peer class           | {"flow":{},"src":{"peer-class":"moon"},"dst":{}}                  | 'src.peer-class'
            threat list not an array     | {"flow":{},"src":{"threat-lists":"drop"},"dst":{}}                | 'src.threat-lists'
            threat list of numbers       | {"flow":{},"src":{"threat-lists":[1]},"dst":{}}                   | 'src.threat-lists'
            task as text                 | {"flow":{},"src":{"task":"t1"},"dst":{}}                          | 'src.task'
            unknown task field           | {"flow":{},"src":{},"dst":{"task":{"task-ip":"10.0.0.1"}}}        | 'dst.task.task-ip'
            groups as text               | {"flow":{},"src":{"task":{"security-groups":"sg-1"}},"dst":{}}    | 'src.task.security-groups'
            group as null element        | {"flow":{},"src":{"task":{"security-groups":[null]}},"dst":{}}    | 'src.task.security-groups'
            not JSON                     | {"flow":{},"src":{},"dst":                                        | end-of-input
            """)
    void badInputIsAnErrorNamingTheField(String what, String text, String named) {
        assertThatThrownBy(() -> EnrichedFlowJson.parse(text)).as(what)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(named);
    }

    private static EnrichedFlow roundTrip(EnrichedFlow flow) throws IOException {
        String text = EnrichedFlowJson.toJson(flow);
        EnrichedFlow read = EnrichedFlowJson.parse(text);
        assertThat(EnrichedFlowJson.toJson(read)).as("written again, byte for byte").isEqualTo(text);
        return read;
    }

    /** A value of the field's type, different per field, at the edges of the ranges where there are ranges. */
    private static Object valueFor(FlowLogField field) {
        int n = field.ordinal();
        return switch (field.type()) {
            case INT -> (int) (n % 2 == 0 ? field.max() : field.min() + n % (field.max() - field.min() + 1));
            case LONG -> n % 2 == 0 ? Long.MAX_VALUE : (long) n;
            case TIMESTAMP -> 1_700_000_000L + n;
            case IP -> n % 2 == 0 ? "2001:db8::" + Integer.toHexString(n) : "10.0.1." + n;
            case ACTION -> "REJECT";
            case LOG_STATUS -> "SKIPDATA";
            case STRING -> field.awsName() + " " + HOSTILE;
        };
    }

    private static EnrichedFlow flow(FlowRecord record) {
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = new FlowEndpoint();
        flow.src.address = "10.0.1.5";
        flow.src.attribution = AttributionMethod.IP_TIME;
        flow.src.peerClass = PeerClass.TASK;
        flow.dst = new FlowEndpoint();
        flow.dst.address = "52.216.1.2";
        flow.dst.attribution = AttributionMethod.UNATTRIBUTED;
        flow.dst.unattributedReason = UnattributedReason.NEVER_SEEN;
        flow.dst.peerClass = PeerClass.AWS_SERVICE;
        flow.dst.awsService = "S3";
        flow.direction = FlowDirection.EGRESS;
        flow.sameAz = false;
        return flow;
    }

    /** A task with every field the JSON form carries set. */
    private static TaskIdentity task(List<String> securityGroups) {
        TaskIdentity task = new TaskIdentity();
        task.accountId = "012345678901";
        task.region = "eu-west-1";
        task.clusterName = "prod";
        task.clusterArn = "arn:aws:ecs:eu-west-1:012345678901:cluster/prod";
        task.serviceName = "checkout";
        task.group = "service:checkout";
        task.taskArn = "arn:aws:ecs:eu-west-1:012345678901:task/prod/0a1b2c3d4e5f";
        task.taskId = "0a1b2c3d4e5f";
        task.taskDefinition = "checkout:42";
        task.launchType = "FARGATE";
        task.availabilityZone = "eu-west-1a";
        task.subnetId = "subnet-0abc";
        task.eniId = "eni-0def";
        task.interfaceType = "branch";
        task.securityGroups = securityGroups;
        return task;
    }
}
