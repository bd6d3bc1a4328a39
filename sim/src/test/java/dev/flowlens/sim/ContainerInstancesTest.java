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
