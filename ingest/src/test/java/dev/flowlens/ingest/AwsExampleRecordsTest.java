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

    /**
     * AWS's transit-gateway page gives the default format (every version 2 to 6 field of its table, in order) but
     * no example record: this one is built from that field list, a flow from a task in one VPC and account to a task
     * in another.
     */
    @Test
    void transitGatewayRecordsOfTheDefaultFormatParse() throws Exception {
        FlowLogFormat format = FlowLogFormat.transitGatewayDefaultFormat();
        assertThat(format.toHeaderLine()).isEqualTo("version resource-type account-id tgw-id tgw-attachment-id"
                + " tgw-src-vpc-account-id tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id"
                + " tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id"
                + " srcaddr dstaddr srcport dstport protocol packets bytes start end log-status type"
                + " packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired"
                + " tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service");
        FlowRecord record = new FlowLogParser(format).parse("6 TransitGateway 123456789010 tgw-0123456789abcdef0"
                + " tgw-attach-0aaaaaaaaaaaaaaa1 111111111111 222222222222 vpc-0aaaaaaaaaaaaaaa1"
                + " vpc-0bbbbbbbbbbbbbbb2 subnet-0aaaaaaaaaaaaaaa1 subnet-0bbbbbbbbbbbbbbb2 eni-0aaaaaaaaaaaaaaa1"
                + " eni-0bbbbbbbbbbbbbbb2 use1-az1 use1-az2 tgw-attach-0bbbbbbbbbbbbbbb2 10.0.1.5 10.0.2.7 49152 443"
                + " 6 10 1500 1700000000 1700000060 OK IPv4 0 0 0 0 19 us-east-1 ingress - -");
        assertThat(record.version).isEqualTo(6);
        assertThat(record.resourceType).isEqualTo("TransitGateway");
        assertThat(record.accountId).isEqualTo("123456789010");
        assertThat(record.tgwId).isEqualTo("tgw-0123456789abcdef0");
        assertThat(record.tgwAttachmentId).isEqualTo("tgw-attach-0aaaaaaaaaaaaaaa1");
        assertThat(record.tgwSrcVpcAccountId).isEqualTo("111111111111");
        assertThat(record.tgwDstVpcAccountId).isEqualTo("222222222222");
        assertThat(record.tgwSrcVpcId).isEqualTo("vpc-0aaaaaaaaaaaaaaa1");
        assertThat(record.tgwDstVpcId).isEqualTo("vpc-0bbbbbbbbbbbbbbb2");
        assertThat(record.tgwSrcSubnetId).isEqualTo("subnet-0aaaaaaaaaaaaaaa1");
        assertThat(record.tgwDstSubnetId).isEqualTo("subnet-0bbbbbbbbbbbbbbb2");
        assertThat(record.tgwSrcEni).isEqualTo("eni-0aaaaaaaaaaaaaaa1");
        assertThat(record.tgwDstEni).isEqualTo("eni-0bbbbbbbbbbbbbbb2");
        assertThat(record.tgwSrcAzId).isEqualTo("use1-az1");
        assertThat(record.tgwDstAzId).isEqualTo("use1-az2");
        assertThat(record.tgwPairAttachmentId).isEqualTo("tgw-attach-0bbbbbbbbbbbbbbb2");
        assertThat(record.srcAddr).isEqualTo("10.0.1.5");
        assertThat(record.dstAddr).isEqualTo("10.0.2.7");
        assertThat(record.bytes).isEqualTo(1500L);
        assertThat(record.logStatus).isEqualTo("OK");
        assertThat(record.type).isEqualTo("IPv4");
        assertThat(record.packetsLostNoRoute).isEqualTo(0L);
        assertThat(record.packetsLostTtlExpired).isEqualTo(0L);
        assertThat(record.tcpFlags).isEqualTo(19);
        assertThat(record.region).isEqualTo("us-east-1");
        assertThat(record.flowDirection).isEqualTo("ingress");
        assertThat(record.pktSrcAwsService).isNull();
        assertThat(record.interfaceId).as("transit-gateway records have no interface-id").isNull();
        assertThat(record.action).as("nor an action").isNull();
    }

    @Test
    void transitGatewayHeaderLinesAreFormatsAndLossCountersAreRangeChecked() throws Exception {
        String header = FlowLogFormat.transitGatewayDefaultFormat().toHeaderLine();
        assertThat(FlowLogFormat.isHeaderLine(header)).isTrue();
        assertThat(FlowLogFormat.parse(header)).isEqualTo(FlowLogFormat.transitGatewayDefaultFormat());
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("version resource-type tgw-id srcaddr dstaddr"
                + " packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired"));
        FlowRecord lossy = parser.parse("6 TransitGateway tgw-0123456789abcdef0 10.0.1.5 10.9.0.1 3 2 1 4");
        assertThat(lossy.packetsLostNoRoute).isEqualTo(3L);
        assertThat(lossy.packetsLostBlackhole).isEqualTo(2L);
        assertThat(lossy.packetsLostMtuExceeded).isEqualTo(1L);
        assertThat(lossy.packetsLostTtlExpired).isEqualTo(4L);
        assertThatThrownBy(() -> parser.parse("6 TransitGateway tgw-0123456789abcdef0 10.0.1.5 10.9.0.1 -3 0 0 0"))
                .isInstanceOf(MalformedRecordException.class)
                .extracting(e -> ((MalformedRecordException) e).reason())
                .isEqualTo(DeadLetterReason.BAD_NUMBER);
    }

    /**
     * Version 11's fields, in the order of AWS's "available fields" table, after the default ones. AWS's examples
     * page has no version 11 record: the line is built from the documented field list, for an awsvpc task's ENI (an
     * interface AWS does not manage, so {@code interface-type} is {@code -}) talking to another task's ENI.
     */
    @Test
    void versionElevenFields() throws Exception {
        FlowLogFormat format = FlowLogFormat.parse("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}"
                + " ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
                + " ${instance-tag} ${instance-tag-2} ${interface-tag} ${interface-tag-2} ${asg-tag} ${asg-tag-2}"
                + " ${interface-type} ${next-hop-interface-id} ${next-hop-subnet-id} ${next-hop-az-id}"
                + " ${next-hop-vpc-id} ${next-hop-interface-type}");
        FlowRecord record = new FlowLogParser(format).parse("11 123456789010 eni-0a1b2c3d4e5f60718 10.0.1.23"
                + " 10.0.2.45 41234 8080 6 12 3400 1700000000 1700000060 ACCEPT OK web-1 - checkout prod - -"
                + " - eni-0f1e2d3c4b5a69788 subnet-0b1c2d3e4f5a60718 use1-az2 vpc-0a1b2c3d4e5f60718 -");
        assertThat(record.version).isEqualTo(11);
        assertThat(record.instanceTag).isEqualTo("web-1");
        assertThat(record.instanceTag2).isNull();
        assertThat(record.interfaceTag).isEqualTo("checkout");
        assertThat(record.interfaceTag2).isEqualTo("prod");
        assertThat(record.asgTag).isNull();
        assertThat(record.asgTag2).isNull();
        assertThat(record.interfaceType).isNull();
        assertThat(record.nextHopInterfaceId).isEqualTo("eni-0f1e2d3c4b5a69788");
        assertThat(record.nextHopSubnetId).isEqualTo("subnet-0b1c2d3e4f5a60718");
        assertThat(record.nextHopAzId).isEqualTo("use1-az2");
        assertThat(record.nextHopVpcId).isEqualTo("vpc-0a1b2c3d4e5f60718");
        assertThat(record.nextHopInterfaceType).isNull();

        FlowRecord natGateway = new FlowLogParser(FlowLogFormat.parse("version interface-id interface-type"
                + " next-hop-interface-type asg-tag asg-tag-2")).parse("11 eni-0123456789abcdef0 nat_gateway"
                + " vpc_endpoint %E6%97%A5 batch");
        assertThat(natGateway.interfaceType).isEqualTo("nat_gateway");
        assertThat(natGateway.nextHopInterfaceType).isEqualTo("vpc_endpoint");
        assertThat(natGateway.asgTag).as("tag values are percent-encoded by AWS, kept as written")
                .isEqualTo("%E6%97%A5");
        assertThat(natGateway.asgTag2).isEqualTo("batch");
        assertThat(FlowLogFormat.isHeaderLine("version instance-tag-2 asg-tag-2")).isTrue();
    }
}
