package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.jobs.detect.AlertSinkOptions;
import dev.flowlens.jobs.detect.DetectionJob;
import dev.flowlens.jobs.detect.DetectionJobOptions;
import dev.flowlens.jobs.detect.DetectionOptions;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.kit.CheckpointOptions;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/flowlens-detect.yaml: detection as a job of its own, declared suspended while the enrichment job
 * detects, with state of its own and a configuration the detection job accepts.
 */
class DetectionDeploymentTest {
    @TempDir
    Path dir;

    @Test
    void runsTheDetectionJobOfTheClusterJarFromTheSameImage() throws Exception {
        JsonNode detect = deployment("flowlens-detect").path("spec");
        JsonNode enrich = deployment("flowlens-enrich").path("spec");
        assertThat(detect.path("image").asText()).isEqualTo(enrich.path("image").asText());
        assertThat(detect.path("flinkVersion").asText()).isEqualTo("v2_2");
        JsonNode job = detect.path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo(enrich.path("job").path("jarURI").asText());
        assertThat(job.path("entryClass").asText()).isEqualTo(DetectionJob.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(detect.path("serviceAccount").asText()).isEqualTo(enrich.path("serviceAccount").asText());
    }

    /** Two jobs sharing checkpoint, savepoint or HA directories would restore each other's state. */
    @Test
    void keepsItsStateApartFromTheEnrichmentJob() throws Exception {
        JsonNode detect = deployment("flowlens-detect").path("spec").path("flinkConfiguration");
        JsonNode enrich = deployment("flowlens-enrich").path("spec").path("flinkConfiguration");
        for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "state.checkpoints.dir", "state.savepoints.dir", "high-availability.storageDir")) {
            assertThat(detect.path(key).asText()).as(key).startsWith("s3://")
                    .isNotEqualTo(enrich.path(key).asText());
        }
        assertThat(detect.path("high-availability.type").asText()).isEqualTo("kubernetes");
    }

    /** Exactly one of the two jobs detects: the enrichment job's detection section, or this job running. */
    @Test
    void detectionRunsInExactlyOneJob() throws Exception {
        JobConfig enrich = configOf("flowlens-enrich", EnrichmentOptions.ALL);
        boolean detectRuns = deployment("flowlens-detect").path("spec").path("job").path("state").asText()
                .equals("running");
        assertThat(enrich.get(DetectionOptions.ENABLED)).isNotEqualTo(detectRuns);
    }

    @Test
    void itsConfigurationIsOneTheDetectionJobAccepts() throws Exception {
        JobConfig detect = configOf("flowlens-detect", DetectionJobOptions.ALL);
        JobConfig enrich = configOf("flowlens-enrich", EnrichmentOptions.ALL);
        assertThat(detect.get(DetectionJobOptions.ENRICHED_KAFKA.topic()))
                .isEqualTo(enrich.get(EnrichmentOptions.SINK_KAFKA.topic()));
        assertThat(detect.get(DetectionJobOptions.ENRICHED_KAFKA.bootstrapServers()))
                .isEqualTo(enrich.get(EnrichmentOptions.SINK_KAFKA.bootstrapServers()));
        assertThat(detect.get(DetectionJobOptions.ENRICHED_KAFKA.properties())).containsEntry("sasl.mechanism",
                "AWS_MSK_IAM");
        assertThat(detect.get(AlertSinkOptions.KAFKA.topic())).isEqualTo(enrich.get(AlertSinkOptions.KAFKA.topic()));
        // the same transactional id prefix in two jobs would fence each other's producers
        assertThat(detect.get(AlertSinkOptions.TRANSACTIONAL_ID_PREFIX))
                .isNotEqualTo(enrich.get(AlertSinkOptions.TRANSACTIONAL_ID_PREFIX));
        assertThat(detect.required(DetectionJobOptions.DEAD_LETTERS)).startsWith("s3://");
        assertThat(detect.isSet(CheckpointOptions.DIRECTORY)).as("the cluster's checkpoint directory applies")
                .isFalse();
    }

    private static JsonNode deployment(String name) throws Exception {
        return DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "FlinkDeployment", name);
    }

    /** The configuration file a deployment's {@code job.args} name, read from its mounted ConfigMap. */
    private JobConfig configOf(String deploymentName, List<JobOption<?>> options)
            throws Exception {
        List<JsonNode> documents = DeployFiles.yamlDocuments("kubernetes");
        JsonNode spec = DeployFiles.only(documents, "FlinkDeployment", deploymentName).path("spec");
        Path configPath = Path.of(spec.path("job").path("args").get(1).asText());
        String volumeName = null;
        for (JsonNode mount : spec.path("podTemplate").path("spec").path("containers").get(0).path("volumeMounts")) {
            if (Path.of(mount.path("mountPath").asText()).equals(configPath.getParent())) {
                volumeName = mount.path("name").asText();
            }
        }
        String configMapName = null;
        for (JsonNode volume : spec.path("podTemplate").path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(volumeName)) {
                configMapName = volume.path("configMap").path("name").asText();
            }
        }
        String text = DeployFiles.only(documents, "ConfigMap", configMapName).path("data")
                .path(configPath.getFileName().toString()).asText();
        assertThat(text).as(deploymentName + "'s " + configPath.getFileName()).isNotBlank();
        Path file = Files.writeString(dir.resolve(deploymentName + ".yaml"), text);
        return JobConfig.read(file, Map.of(), options);
    }
}
