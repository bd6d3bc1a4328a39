package dev.flowlens.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two accounts (and two VPCs of one account) reusing {@code 10.0.0.0/16}, with the same address held by a task in
 * each at the same time: a flow is attributed within the VPC of the interface that recorded it, never to the other
 * VPC's task; a Transit Gateway record's ends each in its own VPC; and without any scope the index answers as before.
 */
class ScopedByVpcTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long START = T0 / 1000 + 600;
    private static final String ACCOUNT_A = "111111111111";
    private static final String ACCOUNT_B = "222222222222";
    private static final String VPC_A = "vpc-0aaaaaaaaaaaaaaa1";
    private static final String VPC_B = "vpc-0bbbbbbbbbbbbbbb2";
    private static final String VPC_A2 = "vpc-0ccccccccccccccc3";

    private final AttributionIndex index = new AttributionIndex(86_400_000L);
    private final PeerClassifier peers = new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(),
            Map.of());
    private final FlowAttributor attributor = new FlowAttributor(index, peers);

    private static TaskState in(String account, String vpc, String id, String service, String ip, String eni) {
        TaskState state = task(id).service(service).ip(ip).eni(eni).createdAt(T0).version(3).lastStatus("RUNNING")
                .observedAt(T0 + 3_600_000).build();
        state.identity.accountId = account;
        state.identity.vpcId = vpc;
        state.identity.taskArn = "arn:aws:ecs:us-east-1:" + account + ":task/prod/" + id;
        // branch ENIs of trunked instances: their records may come from the trunk, which no task owns
        state.identity.launchType = "EC2";
        state.identity.interfaceType = "branch";
        return state;
    }

    /** Account A's web and api, account B's web and api, at the same two addresses. */
    private void twoAccounts() {
        index.apply(in(ACCOUNT_A, VPC_A, "a-web", "web", "10.0.1.10", "eni-a-web"));
        index.apply(in(ACCOUNT_A, VPC_A, "a-api", "api", "10.0.2.20", "eni-a-api"));
        index.apply(in(ACCOUNT_B, VPC_B, "b-web", "shop", "10.0.1.10", "eni-b-web"));
        index.apply(in(ACCOUNT_B, VPC_B, "b-api", "ledger", "10.0.2.20", "eni-b-api"));
    }

    @Test
    void theRecordingEndIsScopedByItsInterfaceAndThePeerByTheRecordingVpc() {
        twoAccounts();
        // no account-id or vpc-id in the record: the interface alone tells whose flow it is
        FlowRecord fromB = flow().interfaceId("eni-b-web").from("10.0.1.10").to("10.0.2.20").at(START).build();
        fromB.accountId = null;
        EnrichedFlow flow = attributor.enrich(fromB);

        assertThat(flow.src.task.taskId).isEqualTo("b-web");
        assertThat(flow.src.attribution).isEqualTo(AttributionMethod.ENI);
        assertThat(flow.dst.task.taskId).isEqualTo("b-api");
        assertThat(flow.dst.attribution).isEqualTo(AttributionMethod.IP_TIME);
        assertThat(flow.direction).isEqualTo(FlowDirection.EAST_WEST);

        FlowRecord fromA = flow().interfaceId("eni-a-api").from("10.0.1.10").to("10.0.2.20").at(START).build();
        fromA.accountId = null;
        EnrichedFlow other = attributor.enrich(fromA);
        assertThat(other.src.task.taskId).isEqualTo("a-web");
        assertThat(other.dst.task.taskId).isEqualTo("a-api");
    }

    @Test
    void theRecordsAccountAndVpcFieldsScopeAnInterfaceNoTaskOwns() {
        twoAccounts();
        // a trunk ENI (no task's): the record's account-id and vpc-id name the scope
        FlowRecord trunk = flow().interfaceId("eni-trunk").accountId(ACCOUNT_A).from("10.0.1.10").to("10.0.2.20")
                .at(START).build();
        trunk.vpcId = VPC_A;
        EnrichedFlow flow = attributor.enrich(trunk);
        assertThat(flow.src.task.taskId).isEqualTo("a-web");
        assertThat(flow.dst.task.taskId).isEqualTo("a-api");

        // the same without fields: an exported description of the trunk scopes it
        index.describeInterface("eni-trunk-b", ACCOUNT_B, VPC_B);
        FlowRecord described = flow().interfaceId("eni-trunk-b").from("10.0.2.20").to("10.0.1.10").at(START).build();
        described.accountId = null;
        EnrichedFlow fromB = attributor.enrich(described);
        assertThat(fromB.src.task.taskId).isEqualTo("b-api");
        assertThat(fromB.dst.task.taskId).isEqualTo("b-web");
    }

    @Test
    void twoVpcsOfOneAccountAreNeverSearchedForEachOthersAddresses() {
        index.apply(in(ACCOUNT_A, VPC_A, "a-web", "web", "10.0.1.10", "eni-a-web"));
        index.apply(in(ACCOUNT_A, VPC_A2, "a2-web", "batch", "10.0.1.10", "eni-a2-web"));

        assertThat(index.lookup(ACCOUNT_A, VPC_A, "10.0.1.10", T0 + 600_000).task().taskId).isEqualTo("a-web");
        assertThat(index.lookup(ACCOUNT_A, VPC_A2, "10.0.1.10", T0 + 600_000).task().taskId).isEqualTo("a2-web");
        // the account alone cannot tell its two VPCs' tasks apart: honest, not a guess
        assertThat(index.lookup(ACCOUNT_A, null, "10.0.1.10", T0 + 600_000).reason())
                .isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
        // a VPC where nobody held the address: nobody, though the other VPC's task did
        assertThat(index.lookup(ACCOUNT_A, "vpc-0ddddddddddddddd4", "10.0.1.10", T0 + 600_000).isFound()).isFalse();

        FlowRecord record = flow().interfaceId("eni-a2-web").accountId(ACCOUNT_A).from("10.0.1.10")
                .to("52.216.10.1").at(START).build();
        record.vpcId = VPC_A2;
        assertThat(attributor.enrich(record).src.task.taskId).isEqualTo("a2-web");
    }

    @Test
    void aPeerOutsideTheRecordingVpcsBlocksIsLookedUpBeyondIt() {
        index.apply(in(ACCOUNT_A, VPC_A, "a-web", "web", "10.0.1.10", "eni-a-web"));
        index.apply(in(ACCOUNT_B, VPC_B, "b-db", "db", "10.8.0.5", "eni-b-db"));
        FlowRecord peered = flow().interfaceId("eni-a-web").accountId(ACCOUNT_A).from("10.0.1.10").to("10.8.0.5")
                .at(START).build();
        peered.vpcId = VPC_A;

        // without the VPC's blocks, the peer is looked up in the recording VPC, where no task held it
        assertThat(attributor.enrich(peered).dst.task).isNull();

        index.describeVpc(VPC_A, List.of("10.0.0.0/16"));
        EnrichedFlow flow = attributor.enrich(peered);
        assertThat(flow.src.task.taskId).isEqualTo("a-web");
        assertThat(flow.dst.task.taskId).isEqualTo("b-db"); // a peered VPC of another account
    }

    /**
     * A Transit Gateway record (version 6) between account A's web task in VPC A and account B's api task in VPC B,
     * both at addresses the other account also uses; the record's own account is the gateway owner's. (The same
     * from AWS's documented line, parsed, is in the simulator's {@code SeveralAccountsTest}.)
     */
    @Test
    void aTransitGatewayRecordLooksUpEachEndInItsOwnVpc() {
        twoAccounts();
        FlowRecord record = new FlowRecord();
        record.version = 6;
        record.resourceType = "TransitGateway";
        record.accountId = "333333333333";
        record.tgwId = "tgw-0123456789abcdef0";
        record.tgwSrcVpcAccountId = ACCOUNT_A;
        record.tgwDstVpcAccountId = ACCOUNT_B;
        record.tgwSrcVpcId = VPC_A;
        record.tgwDstVpcId = VPC_B;
        record.tgwSrcEni = "eni-0aaaaaaaaaaaaaaa1";
        record.tgwDstEni = "eni-0bbbbbbbbbbbbbbb2";
        record.srcAddr = "10.0.1.10";
        record.dstAddr = "10.0.2.20";
        record.srcPort = 49152;
        record.dstPort = 443;
        record.protocol = 6;
        record.start = START;
        record.end = START + 60;
        record.logStatus = "OK";

        EnrichedFlow flow = attributor.enrich(record);
        assertThat(flow.src.task.taskId).isEqualTo("a-web");
        assertThat(flow.src.task.accountId).isEqualTo(ACCOUNT_A);
        assertThat(flow.dst.task.taskId).isEqualTo("b-api");
        assertThat(flow.dst.task.accountId).isEqualTo(ACCOUNT_B);
        assertThat(flow.direction).isEqualTo(FlowDirection.EAST_WEST);

        // swapped VPCs give the other account's tasks: the record's VPC fields, not the addresses, decide
        record.tgwSrcVpcAccountId = ACCOUNT_B;
        record.tgwSrcVpcId = VPC_B;
        record.tgwDstVpcAccountId = ACCOUNT_A;
        record.tgwDstVpcId = VPC_A;
        EnrichedFlow swapped = attributor.enrich(record);
        assertThat(swapped.src.task.taskId).isEqualTo("b-web");
        assertThat(swapped.dst.task.taskId).isEqualTo("a-api");
    }

    @Test
    void aTaskWhoseVpcNoSourceToldJoinsItsSubnetsVpcSoOverlappingClaimsStillResolve() {
        // the old owner known from events only (no VPC); the next, created before the old one stopped, described by
        // EC2 with its VPC: one address of one VPC, so the physical rule decides, not two scopes that both answer
        TaskState old = task("old").service("web").ip("10.0.1.10").eni("eni-old").createdAt(T0)
                .stoppedAt(T0 + 600_000).build();
        TaskState next = task("next").service("web").ip("10.0.1.10").eni("eni-next").createdAt(T0 + 540_000)
                .version(3).lastStatus("RUNNING").observedAt(T0 + 3_600_000).build();
        next.identity.vpcId = VPC_A; // same subnet as the old one (the builder's)
        index.apply(old);
        index.apply(next);

        assertThat(index.lookup(null, VPC_A, "10.0.1.10", T0 + 570_000).task().taskId).isEqualTo("old");
        assertThat(index.lookup(null, VPC_A, "10.0.1.10", T0 + 700_000).task().taskId).isEqualTo("next");
        assertThat(index.lookup("10.0.1.10", T0 + 570_000).task().taskId).isEqualTo("old");
        // and another VPC's lookup finds neither: the old task is in its subnet's VPC now
        assertThat(index.lookup(null, VPC_B, "10.0.1.10", T0 + 570_000).isFound()).isFalse();
    }

    @Test
    void withoutAnyScopeTheIndexAnswersAsBefore() {
        // tasks of unknown account and VPC, records without fields: one scope, the single-VPC deployment
        TaskState web = task("web1").service("web").ip("10.0.1.10").eni("eni-web1").createdAt(T0).version(3)
                .lastStatus("RUNNING").observedAt(T0 + 3_600_000).build();
        web.identity.accountId = null;
        web.identity.launchType = "EC2";
        web.identity.interfaceType = "branch"; // recorded by its trunk
        index.apply(web);
        FlowRecord record = flow().interfaceId("eni-other").from("10.0.1.10").to("52.216.10.1").at(START).build();
        record.accountId = null;
        EnrichedFlow flow = attributor.enrich(record);
        assertThat(flow.src.task.taskId).isEqualTo("web1");
        assertThat(flow.src.attribution).isEqualTo(AttributionMethod.IP_TIME);
        // a lookup naming an account or VPC still finds a task whose account and VPC are unknown
        Lookup scoped = index.lookup(ACCOUNT_A, VPC_A, "10.0.1.10", T0 + 600_000);
        assertThat(scoped.task().taskId).isEqualTo("web1");
        assertThat(index.lookup("10.0.1.10", T0 + 600_000).task().taskId).isEqualTo("web1");
    }

    @Test
    void addressesAreComparedByValueNotText() {
        TaskState v6 = task("v6").service("web").ip("10.0.1.10").ipv6("2001:db8::1:10").eni("eni-v6").createdAt(T0)
                .version(3).lastStatus("RUNNING").observedAt(T0 + 3_600_000).build();
        index.apply(v6);
        // another spelling of the task's IPv6 address keeps the eni label on the recording end
        EnrichedFlow spelled = attributor.enrich(flow().interfaceId("eni-v6").from("2001:DB8:0:0:0:0:1:10")
                .to("2600:1f18::9").at(START).build());
        assertThat(spelled.src.task.taskId).isEqualTo("v6");
        assertThat(spelled.src.attribution).isEqualTo(AttributionMethod.ENI);
        // an IPv4-mapped IPv6 address is looked up as the IPv4 address, and is the task's own
        EnrichedFlow mapped = attributor.enrich(flow().interfaceId("eni-v6").from("::ffff:10.0.1.10")
                .to("52.216.10.1").at(START).build());
        assertThat(mapped.src.task.taskId).isEqualTo("v6");
        assertThat(mapped.src.attribution).isEqualTo(AttributionMethod.ENI);
        assertThat(index.lookup("::ffff:10.0.1.10", T0 + 600_000).task().taskId).isEqualTo("v6");
        assertThat(peers.couldBeTask("::ffff:10.0.1.10")).isTrue();
    }
}
