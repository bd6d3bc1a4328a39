package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/kafka/topics.yaml: every topic the job may use, with partitions, replication, retention, no compaction. */
class KafkaTopicsTest {
    @Test
    void topicsHavePartitionsForTheJobRetentionAndNoCompaction() throws Exception {
        JsonNode topics = DeployFiles.yaml("kafka/topics.yaml").path("topics");
        int parallelism = DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "FlinkDeployment",
                "flowlens-enrich").path("spec").path("job").path("parallelism").asInt();
        Set<String> names = new HashSet<>();
        for (JsonNode topic : topics) {
            String name = topic.path("name").asText();
            names.add(name);
            int partitions = topic.path("partitions").asInt();
            assertThat(partitions).as(name).isPositive();
            if (!name.equals("ecs-task-state-changes")) { // read with parallelism 1
                assertThat(partitions % parallelism).as(name + ": a multiple of the job's parallelism").isZero();
            }
            assertThat(topic.path("replication-factor").asInt()).as(name).isEqualTo(3);
            JsonNode config = topic.path("config");
            assertThat(Long.parseLong(config.path("retention.ms").asText())).as(name).isBetween(3_600_000L,
                    30L * 24 * 3_600_000L);
            assertThat(config.path("cleanup.policy").asText()).as(name + ": compaction off").isEqualTo("delete");
            assertThat(Integer.parseInt(config.path("min.insync.replicas").asText())).as(name).isEqualTo(2);
        }
        // the sink topics of the Kubernetes configuration (flows and alerts), the input topics of enrich.example.yaml
        assertThat(names).containsExactlyInAnyOrderElementsOf(List.of("enriched-flows", "flowlens-alerts",
                "vpc-flow-logs", "ecs-task-state-changes"));
        JsonNode example = DeployFiles.yaml("enrich.example.yaml");
        assertThat(names).contains(example.path("flow-logs").path("kafka").path("topic").asText(),
                example.path("metadata").path("kafka").path("topic").asText(),
                example.path("sinks").path("kafka").path("topic").asText());
    }
}
