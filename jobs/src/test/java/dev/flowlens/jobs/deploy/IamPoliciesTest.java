package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every IAM policy of deploy/iam/: Allow statements only, no wildcard in any action (so no {@code *},
 * {@code s3:*} or {@code s3:Put*}), and {@code "Resource": "*"} only on statements whose every action is a read
 * ({@code Describe}, {@code List}, {@code Get}).
 */
class IamPoliciesTest {
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Z][A-Za-z0-9]+");
    private static final Pattern READ = Pattern.compile("[a-z0-9-]+:(Describe|List|Get)[A-Za-z0-9]*");

    @Test
    void noWildcardActionsAndNoStarResourceOnWrites() throws Exception {
        List<Path> policies;
        try (Stream<Path> files = Files.list(DeployFiles.DEPLOY.resolve("iam"))) {
            policies = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(policies).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "flow-log-reader.json", "output-writer.json", "reconciler.json", "msk-topics.json",
                "managed-flink-service.json", "usage-report.json", "summarize.json");
        for (Path file : policies) {
            JsonNode policy = DeployFiles.JSON.readTree(file.toFile());
            assertThat(policy.path("Version").asText()).as(file.toString()).isEqualTo("2012-10-17");
            assertThat(policy.path("Statement")).as(file.toString()).isNotEmpty();
            for (JsonNode statement : policy.path("Statement")) {
                String where = file.getFileName() + " " + statement.path("Sid").asText();
                assertThat(statement.path("Effect").asText()).as(where).isEqualTo("Allow");
                assertThat(statement.has("NotAction")).as(where).isFalse();
                assertThat(statement.has("NotResource")).as(where).isFalse();
                List<String> actions = strings(statement.path("Action"));
                assertThat(actions).as(where).isNotEmpty().allMatch(a -> ACTION.matcher(a).matches(),
                        "an exact service:Action, no wildcard");
                List<String> resources = strings(statement.path("Resource"));
                assertThat(resources).as(where).isNotEmpty();
                boolean readOnly = actions.stream().allMatch(a -> READ.matcher(a).matches());
                if (!readOnly) {
                    assertThat(resources).as(where + ": writes name their resources").doesNotContain("*")
                            .allMatch(r -> r.startsWith("arn:aws:"));
                }
            }
        }
    }

    /** The reconciler's policy is read-only: ECS and EC2 describes and lists, nothing else. */
    @Test
    void theReconcilerOnlyReads() throws Exception {
        JsonNode policy = DeployFiles.json("iam/reconciler.json");
        List<String> actions = new ArrayList<>();
        policy.path("Statement").forEach(s -> actions.addAll(strings(s.path("Action"))));
        assertThat(actions).allMatch(a -> READ.matcher(a).matches()).allMatch(a -> a.startsWith("ecs:")
                || a.startsWith("ec2:"));
        // what EcsReconciler calls
        assertThat(actions).containsAll(Set.of("ecs:ListClusters", "ecs:ListTasks", "ecs:DescribeTasks",
                "ecs:DescribeServices", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeVpcs"));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
