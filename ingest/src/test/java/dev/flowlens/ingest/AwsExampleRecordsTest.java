package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The records of the VPC user guide's "Flow log record examples" page, each with its expected typed values.
 * Formats are the ones the page names for each example.
 */
class AwsExampleRecordsTest {
    private static final FlowLogParser DEFAULT = new FlowLogParser(FlowLogFormat.defaultFormat());

    @Test
    void acceptedAndRejectedTraffic() throws Exception {
        FlowRecord accepted = DEFAULT.parse("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22"
                + " 6 20 4249 1418530010 1418530070 ACCEPT OK");
        assertThat(accepted.version).isEqualTo(2);
        assertThat(accepted.accountId).isEqualTo("123456789010");
        assertThat(accepted.interfaceId).isEqualTo("eni-1235b8ca123456789");
        assertThat(accepted.srcAddr).isEqualTo("172.31.16.139");
        assertThat(accepted.dstAddr).isEqualTo("172.31.16.21");
        assertThat(accepted.srcPort).isEqualTo(20641);
        assertThat(accepted.dstPort).isEqualTo(22);
        assertThat(accepted.protocol).isEqualTo(6);
        assertThat(accepted.packets).isEqualTo(20L);
        assertThat(accepted.bytes).isEqualTo(4249L);
        assertThat(accepted.start).isEqualTo(1418530010L);
        assertThat(accepted.end).isEqualTo(1418530070L);
        assertThat(accepted.action).isEqualTo("ACCEPT");
        assertThat(accepted.logStatus).isEqualTo("OK");

        FlowRecord rejected = DEFAULT.parse("2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389"
                + " 6 20 4249 1418530010 1418530070 REJECT OK");
        assertThat(rejected.action).isEqualTo("REJECT");
        assertThat(rejected.dstPort).isEqualTo(3389);
    }

    @Test
    void noDataAndSkippedRecordsAreValidWithAbsentFields() throws Exception {
        FlowRecord noData = DEFAULT.parse(
                "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA");
        assertThat(noData.logStatus).isEqualTo("NODATA");
        assertThat(noData.srcAddr).isNull();
        assertThat(noData.dstAddr).isNull();
        assertThat(noData.srcPort).isNull();
        assertThat(noData.dstPort).isNull();
        assertThat(noData.protocol).isNull();
        assertThat(noData.packets).isNull();
        assertThat(noData.bytes).isNull();
        assertThat(noData.action).isNull();
        assertThat(noData.start).isEqualTo(1431280876L);
        assertThat(noData.end).isEqualTo(1431280934L);

        FlowRecord skipped = DEFAULT.parse(
                "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA");
        assertThat(skipped.logStatus).isEqualTo("SKIPDATA");
        assertThat(skipped.interfaceId).isEqualTo("eni-11111111aaaaaaaaa");
    }

    @Test
    void icmpThroughSecurityGroupAndNetworkAcl() throws Exception {
        FlowRecord in = DEFAULT.parse("2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336"
                + " 1432917027 1432917142 ACCEPT OK");
        FlowRecord out = DEFAULT.parse("2 123456789010 eni-1235b8ca123456789 172.31.16.139 203.0.113.12 0 0 1 4 336"
                + " 1432917094 1432917142 REJECT OK");
        assertThat(in.protocol).isEqualTo(1);
        assertThat(in.srcPort).isZero();
        assertThat(in.dstPort).isZero();
        assertThat(in.action).isEqualTo("ACCEPT");
        assertThat(out.action).isEqualTo("REJECT");
        assertThat(out.start).isEqualTo(1432917094L);
    }

    @Test
    void ipv6Traffic() throws Exception {
        FlowRecord record = DEFAULT.parse("2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105"
                + " 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK");
        assertThat(record.srcAddr).isEqualTo("2001:db8:1234:a100:8d6e:3477:df66:f105");
        assertThat(record.dstAddr).isEqualTo("2001:db8:1234:a102:3304:8879:34cf:4071");
        assertThat(record.bytes).isEqualTo(8855L);
    }

    @Test
    void tcpFlagSequence() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("${version} ${vpc-id} ${subnet-id}"
                + " ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport}"
                + " ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start} ${end} ${action}"
                + " ${tcp-flags} ${log-status}"));
        List<String> lines = List.of(
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789"
                        + " 123456789010 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8"
                        + " 1566848875 1566848933 ACCEPT 2 OK",
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789"
                        + " 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7"
                        + " 1566848875 1566848933 ACCEPT 18 OK",
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789"
                        + " 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43418 10.0.0.62 52.213.180.42 6 63388 1219"
                        + " 1566848933 1566849113 ACCEPT 1 OK",
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789"
                        + " 123456789010 IPv4 52.213.180.42 10.0.0.62 43638 5001 52.213.180.42 10.0.0.62 6 1260 17"
                        + " 1566933133 1566933193 ACCEPT 3 OK",
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789"
                        + " 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43638 10.0.0.62 52.213.180.42 6 967 14"
                        + " 1566933133 1566933193 ACCEPT 19 OK");
        List<Integer> flags = lines.stream().map(line -> {
            try {
                return parser.parse(line).tcpFlags;
            } catch (MalformedRecordException e) {
                throw new AssertionError(e.getMessage());
            }
        }).collect(Collectors.toList());
        // SYN, SYN-ACK, FIN, SYN|FIN, SYN-ACK|FIN: flags are OR-ed over the window
        assertThat(flags).containsExactly(2, 18, 1, 3, 19);
        FlowRecord first = parser.parse(lines.get(0));
        assertThat(first.vpcId).isEqualTo("vpc-abcdefab012345678");
        assertThat(first.subnetId).isEqualTo("subnet-aaaaaaaa012345678");
        assertThat(first.instanceId).isEqualTo("i-01234567890123456");
        assertThat(first.type).isEqualTo("IPv4");
        assertThat(first.pktSrcAddr).isEqualTo("52.213.180.42");
        assertThat(first.bytes).isEqualTo(568L);
        assertThat(first.packets).isEqualTo(8L);
    }

    @Test
    void natGatewayRecordsCarryPacketLevelAddresses() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse(
                "${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr}"));
        FlowRecord natSide = parser.parse("- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5");
        assertThat(natSide.instanceId).isNull();
        assertThat(natSide.version).isNull(); // a custom format may lack version
        assertThat(natSide.dstAddr).isEqualTo("10.0.0.220");
        assertThat(natSide.pktDstAddr).isEqualTo("203.0.113.5");
        FlowRecord instanceSide = parser.parse(
                "i-01234567890123456 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 10.0.1.5 203.0.113.5");
        assertThat(instanceSide.instanceId).isEqualTo("i-01234567890123456");
        assertThat(instanceSide.pktSrcAddr).isEqualTo("10.0.1.5");
    }

    @Test
    void transitGatewayPathSeenFromVpcInterfaces() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("version interface-id account-id vpc-id"
                + " subnet-id instance-id srcaddr dstaddr srcport dstport protocol tcp-flags type pkt-srcaddr"
                + " pkt-dstaddr action log-status"));
        FlowRecord record = parser.parse("3 eni-11111111111111111 123456789010 vpc-abcdefab012345678"
                + " subnet-11111111aaaaaaaaa - 10.40.1.175 10.40.2.236 39812 80 6 3 IPv4 10.20.33.164 10.40.2.236"
                + " ACCEPT OK");
        assertThat(record.srcAddr).isEqualTo("10.40.1.175");
        assertThat(record.pktSrcAddr).isEqualTo("10.20.33.164");
        assertThat(record.tcpFlags).isEqualTo(3);
        assertThat(record.instanceId).isNull();
    }

    @Test
    void serviceNameTrafficPathAndFlowDirection() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("version srcaddr dstaddr srcport dstport"
                + " protocol start end type packets bytes account-id vpc-id subnet-id instance-id interface-id region"
                + " az-id sublocation-type sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr"
                + " pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status"));
        FlowRecord ingress = parser.parse("5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044"
                + " 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b"
                + " eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - -"
                + " ingress OK");
        assertThat(ingress.version).isEqualTo(5);
        assertThat(ingress.region).isEqualTo("ap-southeast-2");
        assertThat(ingress.azId).isEqualTo("apse2-az3");
        assertThat(ingress.sublocationType).isNull();
        assertThat(ingress.pktSrcAwsService).isEqualTo("S3");
        assertThat(ingress.pktDstAwsService).isNull();
        assertThat(ingress.trafficPath).isNull();
        assertThat(ingress.flowDirection).isEqualTo("ingress");

        FlowRecord egress = parser.parse("5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471"
                + " 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b"
                + " eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8"
                + " egress OK");
        assertThat(egress.pktDstAwsService).isEqualTo("S3");
        assertThat(egress.trafficPath).isEqualTo(8);
        assertThat(egress.flowDirection).isEqualTo("egress");
    }

    @Test
    void ecsFieldsOfVersionSeven() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("${version} ${interface-id} ${srcaddr}"
                + " ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action}"
                + " ${log-status} ${ecs-cluster-name} ${ecs-cluster-arn} ${ecs-container-instance-arn}"
                + " ${ecs-container-instance-id} ${ecs-container-id} ${ecs-second-container-id} ${ecs-service-name}"
                + " ${ecs-task-definition-arn} ${ecs-task-arn} ${ecs-task-id}"));
        FlowRecord record = parser.parse("7 eni-0a1b2c3d4e5f60718 10.0.1.23 10.0.2.45 41234 8080 6 12 3400"
                + " 1700000000 1700000060 ACCEPT OK prod arn:aws:ecs:us-east-1:123456789012:cluster/prod - -"
                + " 3b8f7e2c1a9d4c6e8f0a2b4c6d8e0f1a-1234567890 - checkout"
                + " arn:aws:ecs:us-east-1:123456789012:task-definition/checkout:42"
                + " arn:aws:ecs:us-east-1:123456789012:task/prod/0f2c8a6b9d4e4f1a8b7c6d5e4f3a2b1c"
                + " 0f2c8a6b9d4e4f1a8b7c6d5e4f3a2b1c");
        assertThat(record.ecsClusterName).isEqualTo("prod");
        assertThat(record.ecsContainerInstanceArn).isNull(); // Fargate: no container instance
        assertThat(record.ecsServiceName).isEqualTo("checkout");
        assertThat(record.ecsTaskDefinitionArn).endsWith("task-definition/checkout:42");
        assertThat(record.ecsTaskId).isEqualTo("0f2c8a6b9d4e4f1a8b7c6d5e4f3a2b1c");
        assertThat(record.ecsSecondContainerId).isNull();
    }

    @Test
    void transitGatewayFlowLogRecordsAreUnsupported() {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("version account-id srcaddr dstaddr"));
        assertThatThrownBy(() -> parser.parse("6 123456789010 10.0.0.1 10.0.0.2"))
                .isInstanceOf(MalformedRecordException.class)
                .extracting(e -> ((MalformedRecordException) e).reason())
                .isEqualTo(DeadLetterReason.UNSUPPORTED_VERSION);
        assertThatThrownBy(() -> FlowLogFormat.parse("version resource-type tgw-id"))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("transit-gateway");
    }
}
