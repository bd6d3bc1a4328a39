package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.jobs.detect.AlertSinkOptions;
import dev.flowlens.jobs.detect.DetectionOptions;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.kit.CheckpointOptions;
import dev.flowlens.jobs.kit.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flink Kubernetes Operator manifests of deploy/kubernetes/, parsed and checked field by field. */
class KubernetesManifestsTest {
    private static final String JAR = "/opt/flink/usrlib/flowlens-cluster.jar";

    @TempDir
    Path dir;

    @Test
    void flinkDeploymentRunsTheClusterJarInApplicationModeWithSavepointUpgrades() throws Exception {
        JsonNode deployment = flinkDeployment();
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        JsonNode spec = deployment.path("spec");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        JsonNode job = spec.path("job");
        // application mode: the job is part of the deployment (a session cluster has no spec.job)
        assertThat(job.path("jarURI").asText()).isEqualTo("local://" + JAR);
        assertThat(job.path("entryClass").asText()).isEqualTo("dev.flowlens.jobs.enrich.EnrichmentJob");
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("state").asText()).isEqualTo("running");
        assertThat(job.path("parallelism").asInt()).isPositive();
        int slots = Integer.parseInt(spec.path("flinkConfiguration").path("taskmanager.numberOfTaskSlots").asText());
        assertThat(slots).isPositive();
        assertThat(spec.path("taskManager").path("resource").path("cpu").asDouble()).isGreaterThanOrEqualTo(slots);
        assertThat(spec.path("jobManager").path("resource").path("memory").asText()).matches("\\d+m");
        assertThat(spec.path("taskManager").path("resource").path("memory").asText()).matches("\\d+m");
    }

    @Test
    void checkpointsSavepointsAndHaOnS3WithKubernetesHa() throws Exception {
        JsonNode conf = flinkDeployment().path("spec").path("flinkConfiguration");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        for (String key : List.of("high-availability.storageDir", "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir", "state.checkpoints.dir", "state.savepoints.dir")) {
            assertThat(conf.path(key).asText()).as(key).startsWith("s3://");
        }
        assertThat(conf.path("state.checkpoints.dir").asText()).isEqualTo(conf.path("execution.checkpointing.dir")
                .asText());
        assertThat(conf.path("state.savepoints.dir").asText()).isEqualTo(conf.path(
                "execution.checkpointing.savepoint-dir").asText());
        assertThat(conf.path("restart-strategy.type").asText()).isEqualTo("exponential-delay");
    }

    @Test
    void prometheusReporterOnTheScrapedPort() throws Exception {
        JsonNode spec = flinkDeployment().path("spec");
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        String port = conf.path("metrics.reporter.prom.port").asText();
        assertThat(port).matches("\\d+");
        JsonNode pod = spec.path("podTemplate");
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText()).isEqualTo(port);
        assertThat(mainContainer(pod).path("ports").get(0).path("containerPort").asText()).isEqualTo(port);
    }

    /** job.args name a file of a mounted ConfigMap; that file is a valid configuration of the enrichment job. */
    @Test
    void jobArgumentsNameAValidConfigurationFromTheConfigMap() throws Exception {
        List<JsonNode> documents = DeployFiles.yamlDocuments("kubernetes");
        JsonNode spec = DeployFiles.only(documents, "FlinkDeployment", "flowlens-enrich").path("spec");
        List<String> args = new ArrayList<>();
        spec.path("job").path("args").forEach(arg -> args.add(arg.asText()));
        assertThat(args).hasSize(2).first().isEqualTo("--config");
        Path configPath = Path.of(args.get(1));

        JsonNode pod = spec.path("podTemplate").path("spec");
        JsonNode mount = find(mainContainer(spec.path("podTemplate")).path("volumeMounts"),
                m -> configPath.getParent().equals(Path.of(m.path("mountPath").asText())));
        JsonNode volume = find(pod.path("volumes"), v -> v.path("name").asText().equals(mount.path("name").asText()));
        String configMapName = volume.path("configMap").path("name").asText();
        JsonNode configMap = DeployFiles.only(documents, "ConfigMap", configMapName);
        assertThat(configMap.path("metadata").path("namespace").asText())
                .isEqualTo(DeployFiles.only(documents, "FlinkDeployment", "flowlens-enrich").path("metadata")
                        .path("namespace").asText());
        String text = configMap.path("data").path(configPath.getFileName().toString()).asText();
        assertThat(text).as("the ConfigMap holds " + configPath.getFileName()).isNotBlank();

        Path file = Files.writeString(dir.resolve("enrich.yaml"), text);
        JobConfig config = JobConfig.read(file, Map.of(), EnrichmentOptions.ALL);
        assertThat(config.get(EnrichmentOptions.SOURCE)).isEqualTo("sqs");
        assertThat(config.required(EnrichmentOptions.FLOW_LOGS_SQS.queueUrl())).startsWith("https://sqs.");
        assertThat(config.required(EnrichmentOptions.METADATA_SQS.queueUrl())).startsWith("https://sqs.");
        assertThat(config.get(EnrichmentOptions.RECONCILE_INTERVAL)).isNotNull();
        assertThat(config.required(EnrichmentOptions.PARQUET)).startsWith("s3://");
        assertThat(config.required(EnrichmentOptions.DEAD_LETTERS)).startsWith("s3://");
        assertThat(config.isSet(CheckpointOptions.DIRECTORY)).as("the cluster's checkpoint directory applies")
                .isFalse();
        assertThat(config.get(EnrichmentOptions.SINK_KAFKA.topic())).isEqualTo("enriched-flows");
        assertThat(config.get(EnrichmentOptions.SINK_KAFKA.properties())).containsEntry("sasl.mechanism",
                "AWS_MSK_IAM");
        assertThat(config.get(DetectionOptions.ENABLED)).as("detection runs in the same topology").isTrue();
        assertThat(config.get(AlertSinkOptions.KAFKA.topic())).isEqualTo("flowlens-alerts");
    }

    @Test
    void theServiceAccountExistsWithAnIamRoleAndItsRole() throws Exception {
        List<JsonNode> documents = DeployFiles.yamlDocuments("kubernetes");
        String account = DeployFiles.only(documents, "FlinkDeployment", "flowlens-enrich").path("spec")
                .path("serviceAccount").asText();
        JsonNode serviceAccount = DeployFiles.only(documents, "ServiceAccount", account);
        assertThat(serviceAccount.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
                .startsWith("arn:aws:iam::");
        JsonNode binding = DeployFiles.only(documents, "RoleBinding", "flowlens-jobmanager");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo(account);
        JsonNode role = DeployFiles.only(documents, "Role", binding.path("roleRef").path("name").asText());
        assertThat(role.path("rules").toString()).contains("configmaps").contains("pods");
    }

    private static JsonNode flinkDeployment() throws Exception {
        return DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "FlinkDeployment", "flowlens-enrich");
    }

    private static JsonNode mainContainer(JsonNode podTemplate) {
        return find(podTemplate.path("spec").path("containers"),
                c -> c.path("name").asText().equals("flink-main-container"));
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode item : array) {
            if (test.test(item)) {
                return item;
            }
        }
        throw new AssertionError("nothing matches in " + array);
    }
}
