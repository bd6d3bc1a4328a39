package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated container instances: every EC2 task is on one, within its instance's ENI, CPU and memory limits at
 * every moment; Fargate tasks on none; and the exports say what the truth says.
 */
class ContainerInstancesTest {
    /** The capacity scenario: three hours, half the other services on EC2 without trunking, tight /26 subnets. */
    static final SimConfig CAPACITY = SimConfigFile.apply(SimConfig.defaults(), json(
            "{\"duration-minutes\": 180, \"untrunked-ec2-share\": 0.5, \"subnet-prefix\": 25,"
                    + " \"event-loss-rate\": 0, \"incidents\": false, \"max-tasks\": 12}"));

    @TempDir
    Path dir;

    @Test
    void theDefaultScenarioHasOnlyTheTrunkingInstancesOfItsTrunkedServices() {
        Simulation sim = new Simulation(SimConfig.defaults());
        assertThat(sim.instances.instances).hasSize(12).allMatch(i -> i.trunking);
        for (SimTask task : sim.fleet.tasks) {
            assertThat(task.instance != null).as(task.id).isEqualTo(task.trunkEniId != null);
        }
    }

    /**
     * The default scenario's flow-log lines and their truth as the simulator wrote them before it had container
     * instances (SHA-256 of each object's path and decompressed lines, in path order; of {@code truth/flows.tsv}):
     * the instances draw from their own random numbers, so the flows do not move.
     */
    @Test
    void theDefaultScenariosFlowsAreThoseOfBeforeInstances() throws Exception {
        new ScenarioWriter(new Simulation(SimConfig.defaults()), dir, ScenarioWriter.Layout.S3).write();
        java.security.MessageDigest lines = java.security.MessageDigest.getInstance("SHA-256");
        Path flowlogs = dir.resolve("flowlogs");
        try (java.util.stream.Stream<Path> files = Files.walk(flowlogs)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                lines.update(flowlogs.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                    lines.update(in.readAllBytes());
                }
            }
        }
        assertThat(java.util.HexFormat.of().formatHex(lines.digest()))
                .isEqualTo("9d97ebc2bba3903bb1ef406bad43b68aa0cf183049f57225da49f2f2e04ab015");
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("truth/flows.tsv")))))
                .isEqualTo("3d71a4f8eb65802351d94088b9c959b355439cd42a4d511c0620a769a58969bc");
    }

    @Test
    void everyInstanceStaysWithinItsLimitsAndSomeUntrunkedOnesReachTheirs() {
        Simulation sim = new Simulation(CAPACITY);
        List<ContainerInstances.Instance> untrunked = new ArrayList<>();
        int atLimit = 0;
        for (ContainerInstances.Instance instance : sim.instances.instances) {
            int peak = 0;
            for (SimTask at : instance.tasks) {
                long t = at.reportedCreatedAt;
                int count = 0;
                int cpu = 0;
                int memory = 0;
                for (SimTask task : instance.tasks) {
                    if (task.reportedCreatedAt <= t && (task.stoppedAt < 0 || t < task.stoppedAt)) {
                        count++;
                        cpu += task.cpu;
                        memory += task.memory;
                    }
                }
                assertThat(count).as(instance.arn).isLessThanOrEqualTo(instance.taskLimit());
                assertThat(cpu).isLessThanOrEqualTo(instance.type.registeredCpu());
                assertThat(memory).isLessThanOrEqualTo(instance.type.registeredMemory());
                peak = Math.max(peak, count);
            }
            if (!instance.trunking) {
                untrunked.add(instance);
                atLimit += peak == instance.taskLimit() ? 1 : 0;
            }
        }
        assertThat(untrunked).isNotEmpty();
        assertThat(atLimit).as("untrunked instances that reached their ENI limit").isPositive();
    }

    @Test
    void theExportsNameEveryInstanceWithItsTypeAndTrunk() throws Exception {
        Simulation sim = new Simulation(CAPACITY);
        new ScenarioWriter(sim, dir, ScenarioWriter.Layout.LINES).write();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode instances = mapper.readTree(dir.resolve("metadata/container-instances.json").toFile())
                .get("containerInstances");
        assertThat(instances).hasSize(sim.instances.instances.size());
        for (int i = 0; i < instances.size(); i++) {
            ContainerInstances.Instance instance = sim.instances.instances.get(i);
            JsonNode node = instances.get(i);
            assertThat(node.get("containerInstanceArn").asText()).isEqualTo(instance.arn);
            assertThat(node.get("ec2InstanceId").asText()).isEqualTo(instance.instanceId);
            String trunk = null;
            String type = null;
            for (JsonNode attribute : node.get("attributes")) {
                if (attribute.get("name").asText().equals("ecs.awsvpc-trunk-id")) {
                    trunk = attribute.get("value").asText();
                }
                if (attribute.get("name").asText().equals("ecs.instance-type")) {
                    type = attribute.get("value").asText();
                }
            }
            assertThat(trunk).isEqualTo(instance.trunkEniId);
            assertThat(type).isEqualTo(instance.type.name());
        }
        JsonNode subnets = mapper.readTree(dir.resolve("metadata/subnets.json").toFile()).get("Subnets");
        assertThat(subnets).hasSize(3);
        assertThat(subnets.get(0).get("CidrBlock").asText()).isEqualTo("10.0.0.0/25");
        List<String> events = Files.readAllLines(dir.resolve("metadata/events.jsonl"));
        for (SimTask task : sim.fleet.tasks) {
            if (task.instance != null && task.stoppedAt >= sim.startSecond()) {
                assertThat(events).anyMatch(e -> e.contains(task.id) && e.contains("\"containerInstanceArn\":\""
                        + task.instance.arn + "\"") && e.contains("\"launchType\":\"EC2\""));
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
