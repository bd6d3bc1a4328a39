package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.LocalAwsEndpoint;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeCommandTest {

    @TempDir
    Path dir;

    /** Two tasks held 10.0.1.5 one after the other; flows at each time go to the right one. */
    @Test
    void attributesEachFlowToTheTaskThatHeldTheAddressThen() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, event("old", "checkout", "10.0.1.5", "eni-old", "2024-05-06T09:00:00Z",
                "2024-05-06T10:00:00Z", 6, "STOPPED") + "\n"
                + event("new", "payments", "10.0.1.5", "eni-new", "2024-05-06T10:00:01Z", null, 3, "RUNNING") + "\n"
                + "{\"detail-type\":\"ECS Task State Change\",\"detail\":{}}\n");
        Path deny = dir.resolve("deny.txt");
        Files.writeString(deny, "# known bad\n198.51.100.0/24\n");
        long beforeStop = java.time.Instant.parse("2024-05-06T09:30:00Z").getEpochSecond();
        long afterReuse = java.time.Instant.parse("2024-05-06T10:30:00Z").getEpochSecond();
        String flows = line("eni-old", "10.0.1.5", "52.216.10.1", beforeStop) + "\n"
                + line("eni-new", "10.0.1.5", "198.51.100.7", afterReuse) + "\n"
                + "broken\n";

        Cli.Run run = Cli.run(flows, "attribute", "--events", events.toString(), "--vpc-cidr", "10.0.0.0/16",
                "--threat-list", "blocklist=" + deny);

        assertThat(run.exitCode()).isEqualTo(1); // one bad event, one bad line
        assertThat(run.out()).hasSize(2);
        JsonNode first = run.out().get(0);
        assertThat(first.at("/src/task/service").asText()).isEqualTo("checkout");
        assertThat(first.at("/src/attribution").asText()).isEqualTo("eni");
        assertThat(first.at("/dst/peer-class").asText()).isEqualTo("aws-service");
        assertThat(first.at("/dst/aws-service").asText()).isEqualTo("S3");
        assertThat(first.at("/direction").asText()).isEqualTo("egress");
        assertThat(first.at("/flow/srcaddr").asText()).isEqualTo("10.0.1.5");
        JsonNode second = run.out().get(1);
        assertThat(second.at("/src/task/service").asText()).isEqualTo("payments");
        assertThat(second.at("/dst/threat-lists/0").asText()).isEqualTo("blocklist");
        assertThat(run.err()).hasSize(2);
        assertThat(run.err().get(0).get("reason").asText()).isEqualTo("BAD_EVENT");
        assertThat(run.err().get(0).get("line").asInt()).isEqualTo(3);
        assertThat(run.err().get(1).get("reason").asText()).isEqualTo("FIELD_COUNT");
    }

    /**
     * {@code --reconcile} reads a simulated account once from the local ECS/EC2 endpoint through the real SDK clients
     * before the flows: the task ends then have the account's security groups (the events carry none), scored
     * against the truth.
     */
    @Test
    void reconcileGivesTheTaskEndsTheAccountsSecurityGroups() throws IOException {
        Simulation sim = new Simulation(SimConfig.defaults().withSeed(5).withDuration(10));
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(sim, scenario, ScenarioWriter.Layout.LINES).write();
        String[] common = {"attribute", "--events", scenario.resolve("metadata/events.jsonl").toString(),
            "--format", sim.format().toAwsFormatString(), "--vpc-cidr", "10.0.0.0/16",
            scenario.resolve("flowlogs.log").toString()};
        System.setProperty("aws.accessKeyId", "AKIDLOCAL"); // the SDK's default chain; the endpoint checks none
        System.setProperty("aws.secretAccessKey", "local");
        Evaluation reconciled;
        try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(sim)) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.stream.Stream.of(
                    "--reconcile", "--aws-region", aws.region(), "--ecs-endpoint", aws.uri().toString(),
                    "--ec2-endpoint", aws.uri().toString())).toArray(String[]::new);
            reconciled = evaluate(scenario, "reconciled.jsonl", Cli.run("", args));
            assertThat(aws.calls()).contains("ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        Evaluation eventsOnly = evaluate(scenario, "events-only.jsonl", Cli.run("", common));

        assertThat(eventsOnly.taskEndsWithGroups).isZero();
        assertThat(reconciled.groupsKnownShare()).isGreaterThanOrEqualTo(99.9);
        assertThat(reconciled.securityGroups.wrong()).isZero();
        assertThat(reconciled.flowlens.wrong()).isZero();
        assertThat(reconciled.flowlens.correct()).isGreaterThanOrEqualTo(eventsOnly.flowlens.correct());
    }

    private Evaluation evaluate(Path scenario, String name, Cli.Run run) throws IOException {
        assertThat(run.exitCode()).as(run.errText()).isZero();
        Path enriched = dir.resolve(name);
        Files.writeString(enriched, run.outText());
        return new Evaluator().evaluate(scenario, java.util.List.of(enriched));
    }

    @Test
    void aFailedWriteToStdoutEndsTheRunWithExitThree() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, event("old", "checkout", "10.0.1.5", "eni-old", "2024-05-06T09:00:00Z", null, 1,
                "RUNNING") + "\n");
        String flow = line("eni-old", "10.0.1.5", "52.216.10.1",
                java.time.Instant.parse("2024-05-06T09:30:00Z").getEpochSecond()) + "\n";

        Cli.Run run = Cli.run(new Cli.FullDisk(0), flow, "attribute", "--events", events.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errText()).isEqualTo("flowlens attribute: cannot write to standard output: No space left on"
                + " device\n");
    }

    @Test
    void retentionAppliesByTheFlowsTime() throws IOException {
        Path events = dir.resolve("retention.jsonl");
        Files.writeString(events, event("old", "checkout", "10.0.1.5", "eni-old", "2024-05-06T09:00:00Z",
                "2024-05-06T10:00:00Z", 5, "STOPPED") + "\n");
        long whileRunning = java.time.Instant.parse("2024-05-06T09:30:00Z").getEpochSecond();
        long twoHoursAfterStop = java.time.Instant.parse("2024-05-06T12:00:01Z").getEpochSecond();
        String flows = line("eni-web", "10.0.2.2", "10.0.1.5", whileRunning) + "\n"
                + line("eni-web", "10.0.2.2", "10.0.9.9", twoHoursAfterStop) + "\n"
                + line("eni-web", "10.0.2.2", "10.0.1.5", whileRunning) + "\n"; // later than the retention

        Cli.Run kept = Cli.run(flows, "attribute", "--events", events.toString(), "--vpc-cidr", "10.0.0.0/16");
        assertThat(kept.out().get(2).at("/dst/task/service").asText()).isEqualTo("checkout"); // 24 h by default

        Cli.Run expired = Cli.run(flows, "attribute", "--events", events.toString(), "--vpc-cidr", "10.0.0.0/16",
                "--retention", "PT1H");
        assertThat(expired.exitCode()).isZero();
        assertThat(expired.out().get(0).at("/dst/task/service").asText()).isEqualTo("checkout");
        // the flows' time passed the task's stop by more than the retention: it has left the index
        assertThat(expired.out().get(2).at("/dst/task").isMissingNode()
                || expired.out().get(2).at("/dst/task").isNull()).isTrue();
        assertThat(expired.out().get(2).at("/dst/attribution").asText()).startsWith("unattributed:");
    }

    @Test
    void usageErrors() throws IOException {
        assertThat(Cli.run("", "attribute").exitCode()).isEqualTo(2); // --events is required
        Cli.Run missing = Cli.run("", "attribute", "--events", dir.resolve("none.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errText()).contains("cannot read events");
        Path events = dir.resolve("e.jsonl");
        Files.writeString(events, "");
        Cli.Run badCidr = Cli.run("", "attribute", "--events", events.toString(), "--vpc-cidr", "10.0.0.0/99");
        assertThat(badCidr.exitCode()).isEqualTo(2);
        assertThat(badCidr.errText()).contains("--vpc-cidr");

        Cli.Run banana = Cli.run("", "attribute", "--events", events.toString(), "--retention", "banana");
        assertThat(banana.exitCode()).isEqualTo(2);
        assertThat(banana.errText()).isEqualTo("flowlens attribute: --retention: expected an ISO-8601 duration such"
                + " as PT24H or PT30S, not 'banana' (see 'flowlens attribute --help')\n");
        Cli.Run overflow = Cli.run("", "attribute", "--events", events.toString(), "--retention",
                "PT9999999999999H");
        assertThat(overflow.exitCode()).isEqualTo(2);
        assertThat(overflow.errText()).isEqualTo("flowlens attribute: --retention: expected an ISO-8601 duration"
                + " such as PT24H or PT30S, not 'PT9999999999999H' (see 'flowlens attribute --help')\n");
    }

    static String event(String id, String service, String ip, String eni, String created, String stopped,
            int version, String status) {
        return "{\"version\":\"0\",\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\","
                + "\"account\":\"111122223333\",\"time\":\"" + (stopped != null ? stopped : created) + "\","
                + "\"region\":\"us-east-1\",\"detail\":{\"attachments\":[{\"type\":\"eni\",\"status\":\"ATTACHED\","
                + "\"details\":[{\"name\":\"networkInterfaceId\",\"value\":\"" + eni + "\"},"
                + "{\"name\":\"privateIPv4Address\",\"value\":\"" + ip + "\"}]}],"
                + "\"clusterArn\":\"arn:aws:ecs:us-east-1:111122223333:cluster/prod\","
                + "\"group\":\"service:" + service + "\",\"lastStatus\":\"" + status + "\","
                + "\"createdAt\":\"" + created + "\"," + (stopped != null ? "\"stoppedAt\":\"" + stopped + "\"," : "")
                + "\"taskArn\":\"arn:aws:ecs:us-east-1:111122223333:task/prod/" + id + "\","
                + "\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:111122223333:task-definition/" + service + ":1\","
                + "\"version\":" + version + "}}";
    }

    private static String line(String eni, String src, String dst, long start) {
        return "2 111122223333 " + eni + " " + src + " " + dst + " 40000 443 6 10 5000 " + start + " "
                + (start + 60) + " ACCEPT OK";
    }

}
