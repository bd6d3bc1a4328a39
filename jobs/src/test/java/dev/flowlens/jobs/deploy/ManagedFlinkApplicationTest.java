package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.kit.CheckpointOptions;
import dev.flowlens.jobs.kit.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/managed-flink/application.json, the input of {@code aws kinesisanalyticsv2 create-application}. */
class ManagedFlinkApplicationTest {
    @TempDir
    Path dir;

    @Test
    void flink22WithTheClusterJarParallelismCheckpointsAndSnapshots() throws Exception {
        JsonNode app = DeployFiles.json("managed-flink/application.json");
        assertThat(app.path("RuntimeEnvironment").asText()).isEqualTo("FLINK-2_2");
        assertThat(app.path("ServiceExecutionRole").asText()).startsWith("arn:aws:iam::");
        JsonNode conf = app.path("ApplicationConfiguration");
        JsonNode code = conf.path("ApplicationCodeConfiguration");
        assertThat(code.path("CodeContentType").asText()).isEqualTo("ZIPFILE");
        assertThat(code.path("CodeContent").path("S3ContentLocation").path("FileKey").asText())
                .isEqualTo("flowlens-cluster.jar");
        JsonNode flink = conf.path("FlinkApplicationConfiguration");
        assertThat(flink.path("ParallelismConfiguration").path("ConfigurationType").asText()).isEqualTo("CUSTOM");
        assertThat(flink.path("ParallelismConfiguration").path("Parallelism").asInt()).isPositive();
        JsonNode checkpoints = flink.path("CheckpointConfiguration");
        assertThat(checkpoints.path("CheckpointingEnabled").asBoolean()).isTrue();
        assertThat(conf.path("ApplicationSnapshotConfiguration").path("SnapshotsEnabled").asBoolean()).isTrue();

        // The runtime properties, as the service writes them for the job to read: valid for the enrichment job.
        Path groups = Files.writeString(dir.resolve("application_properties.json"),
                conf.path("EnvironmentProperties").path("PropertyGroups").toString());
        JobConfig job = JobConfig.readPropertyGroups(groups, Map.of(), EnrichmentOptions.ALL);
        assertThat(job.get(EnrichmentOptions.SOURCE)).isEqualTo("sqs");
        assertThat(job.required(EnrichmentOptions.PARQUET)).startsWith("s3://");
        assertThat(job.required(EnrichmentOptions.DEAD_LETTERS)).startsWith("s3://");
        assertThat(job.isSet(CheckpointOptions.DIRECTORY)).as("the service owns checkpoint storage").isFalse();
        // The job's own interval is the service's, so one does not silently override the other.
        assertThat(job.get(CheckpointOptions.INTERVAL))
                .isEqualTo(Duration.ofMillis(checkpoints.path("CheckpointInterval").asLong()));
        assertThat(job.get(EnrichmentOptions.SINK_KAFKA.properties())).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
    }
}
