package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;

/** The image: the official Flink image of the Flink version the build uses, on Java 17; the jar; the S3 plugin. */
class DockerfileTest {
    @Test
    void officialFlinkImageWithTheClusterJarAndTheS3Plugin() throws Exception {
        List<String> lines = Files.readAllLines(DeployFiles.DEPLOY.resolve("Dockerfile")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        String flink = EnvironmentInformation.getVersion();
        assertThat(flink).as("the Flink of the build").startsWith("2.2.");
        assertThat(lines.get(0)).isEqualTo("FROM flink:" + flink + "-scala_2.12-java17");
        assertThat(lines).filteredOn(line -> line.startsWith("FROM")).hasSize(1);
        String text = String.join("\n", lines);
        assertThat(text).contains("mkdir -p /opt/flink/plugins/s3-fs-hadoop")
                .contains("cp /opt/flink/opt/flink-s3-fs-hadoop-*.jar /opt/flink/plugins/s3-fs-hadoop/")
                .contains("ls /opt/flink/plugins/metrics-prometheus/flink-metrics-prometheus-*.jar");
        assertThat(lines).contains(
                "COPY --chown=flink:flink jobs/target/flowlens-cluster.jar /opt/flink/usrlib/flowlens-cluster.jar");
    }
}
