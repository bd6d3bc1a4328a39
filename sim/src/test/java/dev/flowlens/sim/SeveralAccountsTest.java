package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.FlowLogParser;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three accounts, each with its own VPC of the same CIDR ({@code 10.0.0.0/16}) and its own fleet, attributed
 * centrally: no end goes to another account's task, while the naive IP-only join gives many ends to one.
 */
class SeveralAccountsTest {
    @TempDir
    Path dir;

    @Test
    void threeAccountsWithTheSameCidrAreAttributedWithoutCrossAccountEnds() throws Exception {
        SimConfig config = SimConfig.defaults().withAccounts(3);
        Evaluation evaluation = DirectAttribution.run(config, dir);

        assertThat(evaluation.missing).isZero();
        assertThat(evaluation.unexpected).isZero();
        assertThat(evaluation.flowlens.crossAccount).isZero();
        assertThat(evaluation.flowlens.wrong()).isZero();
        assertThat(evaluation.flowlens.share(evaluation.flowlens.correct())).isGreaterThan(99.5);
        assertThat(evaluation.naive.crossAccount).isGreaterThan(10_000);

        // the scenario is three accounts: records, truth, events and exports name each
        Path scenario = dir.resolve("scenario");
        Set<String> recordAccounts = new HashSet<>();
        Set<String> recordVpcs = new HashSet<>();
        FlowLogParser parser = new FlowLogParser(new Simulation(config).format());
        try (var lines = Files.lines(scenario.resolve("flowlogs.log"))) {
            lines.limit(200_000).forEach(line -> {
                try {
                    FlowRecord record = parser.parse(line);
                    recordAccounts.add(record.accountId);
                    recordVpcs.add(record.vpcId);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(recordAccounts).containsExactlyInAnyOrder("123456789012", "123456789013", "123456789014");
        assertThat(recordVpcs).hasSize(3);
        List<String> truthHeader = List.of(Files.readAllLines(scenario.resolve("truth/tasks.tsv")).get(0).split("\t"));
        assertThat(truthHeader).endsWith("account_id");
        Set<String> truthAccounts = new HashSet<>();
        Files.readAllLines(scenario.resolve("truth/tasks.tsv")).stream().skip(1)
                .forEach(line -> truthAccounts.add(line.substring(line.lastIndexOf('\t') + 1)));
        assertThat(truthAccounts).isEqualTo(recordAccounts);
        String events = Files.readString(scenario.resolve("metadata/events.jsonl"), StandardCharsets.UTF_8);
        for (String account : recordAccounts) {
            assertThat(events).contains(":" + account + ":task/");
        }
        JsonNode enis = new ObjectMapper().readTree(scenario.resolve("metadata/network-interfaces.json").toFile());
        Set<String> owners = new HashSet<>();
        Set<String> vpcs = new HashSet<>();
        enis.path("NetworkInterfaces").forEach(eni -> {
            owners.add(eni.path("OwnerId").asText());
            vpcs.add(eni.path("VpcId").asText());
        });
        assertThat(owners).isEqualTo(recordAccounts);
        assertThat(vpcs).isEqualTo(recordVpcs);
        JsonNode scenarioFile = new ObjectMapper().readTree(scenario.resolve("scenario.json").toFile());
        assertThat(scenarioFile.path("accounts")).hasSize(3);
    }

    @Test
    void oneAccountIsTheScenarioOfOneAccount() {
        SimConfig config = SimConfig.defaults();
        assertThat(config.accounts()).isEqualTo(1);
        assertThat(config.withAccounts(1)).isEqualTo(config);
        assertThat(new Simulation(config).accounts()).hasSize(1);
        // several accounts need records that say whose and which VPC: v2 has no vpc-id
        assertThat(config.withAccounts(2).format()).isEqualTo("v5");
        assertThat(SimConfigFile.apply(config, new ObjectMapper().createObjectNode().put("accounts", 4)).accounts())
                .isEqualTo(4);
    }

    /**
     * A Transit Gateway record in AWS's documented default field order, parsed, between two simulated accounts'
     * tasks at the same address in each other's VPC: each end is looked up in the VPC the record names for it.
     */
    @Test
    void aTransitGatewayRecordGetsBothTasksOfTwoAccounts() throws Exception {
        Simulation sim = new Simulation(SimConfig.defaults().withAccounts(2).withoutIncidents());
        Simulation a = sim.accounts().get(0);
        Simulation b = sim.accounts().get(1);
        long at = sim.startSecond() + 600;
        // ends whose addresses the other account's tasks hold at the same time
        List<SimTask> liveA = a.fleet.liveThrough(at, at + 60);
        List<SimTask> liveB = b.fleet.liveThrough(at, at + 60);
        SimTask web = liveA.stream().filter(t -> liveB.stream().anyMatch(o -> o.ip.equals(t.ip))).findFirst()
                .orElseThrow();
        SimTask api = liveB.stream().filter(t -> !t.ip.equals(web.ip))
                .filter(t -> liveA.stream().anyMatch(o -> o.ip.equals(t.ip))).findFirst().orElseThrow();
        AttributionIndex index = new AttributionIndex(86_400_000L);
        for (Simulation account : sim.accounts()) { // both accounts' tasks at once, each in its own VPC
            for (SimTask task : account.fleet.tasks) {
                index.apply(state(account, task));
            }
        }
        FlowAttributor attributor = new FlowAttributor(index,
                new PeerClassifier(sim.vpcCidrs(), AwsIpRanges.bundled(), Map.of()));
        FlowRecord record = new FlowLogParser(FlowLogFormat.transitGatewayDefaultFormat()).parse(
                "6 TransitGateway 999999999999 tgw-0123456789abcdef0 tgw-attach-0aaaaaaaaaaaaaaa1 " + a.accountId()
                        + " " + b.accountId() + " " + a.vpcId() + " " + b.vpcId()
                        + " subnet-0aaaaaaaaaaaaaaa1 subnet-0bbbbbbbbbbbbbbb2 eni-0aaaaaaaaaaaaaaa1 eni-0bbbbbbbbbbbbbbb2"
                        + " use1-az1 use1-az2 tgw-attach-0bbbbbbbbbbbbbbb2 " + web.ip + " " + api.ip + " 49152 8080"
                        + " 6 10 1500 " + at + " " + (at + 59) + " OK IPv4 0 0 0 0 19 us-east-1 ingress - -");

        EnrichedFlow flow = attributor.enrich(record);

        assertThat(flow.src.task.taskId).isEqualTo(web.id);
        assertThat(flow.src.task.accountId).isEqualTo(a.accountId());
        assertThat(flow.dst.task.taskId).isEqualTo(api.id);
        assertThat(flow.dst.task.accountId).isEqualTo(b.accountId());
        assertThat(flow.direction).isEqualTo(FlowDirection.EAST_WEST);
        // without the VPC fields the same addresses name tasks of both accounts: no answer, never a guess
        record.tgwSrcVpcAccountId = null;
        record.tgwSrcVpcId = null;
        assertThat(attributor.enrich(record).src.task).isNull();
    }

    /** A task as the metadata would give it, with its account and its ENI's VPC. */
    private static TaskState state(Simulation account, SimTask task) {
        TaskIdentity identity = new TaskIdentity();
        identity.accountId = account.accountId();
        identity.vpcId = account.vpcId();
        identity.taskArn = "arn:aws:ecs:us-east-1:" + account.accountId() + ":task/prod/" + task.id;
        identity.taskId = task.id;
        identity.serviceName = task.service;
        identity.privateIpv4 = task.ip;
        identity.eniId = task.eniId;
        identity.launchType = "FARGATE";
        identity.createdAt = task.holdsFrom * 1000;
        identity.startedAt = task.holdsFrom * 1000;
        identity.stoppedAt = task.stoppedAt < 0 ? null : task.stoppedAt * 1000;
        return TaskState.of(identity, task.stoppedAt < 0 ? 3 : 6, task.stoppedAt < 0 ? "RUNNING" : "STOPPED",
                task.holdsFrom * 1000);
    }
}
