package dev.flowlens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar (built in {@code package}, checked after it) carries the jobs and their connectors, never Flink's
 * runtime (the cluster's own), a logging backend, the simulator or DuckDB.
 */
class ClusterJarIT {
    private static final Path JAR = Path.of("target/flowlens-cluster.jar");

    @Test
    void holdsTheJobAndNeitherFlinksRuntimeNorTheSimulator() throws Exception {
        assertThat(JAR).exists();
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.flowlens.jobs.enrich.EnrichmentJob");
        }
        assertThat(entries).contains("dev/flowlens/jobs/enrich/EnrichmentJob.class",
                "dev/flowlens/enrich/index/AttributionIndex.class", "dev/flowlens/schemas/FlowRecord.class",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "software/amazon/msk/auth/iam/IAMLoginModule.class", // sasl.mechanism AWS_MSK_IAM (deploy/)
                // the usage report's CronJob (deploy/kubernetes/flowlens-usage-report.yaml) and its aggregation
                "dev/flowlens/jobs/report/UsageReportJob.class", "dev/flowlens/report/UsageAggregate.class",
                "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js"); // the page's charts, inlined
        assertThat(entries).noneMatch(name -> name.startsWith("org/apache/flink/runtime/"))
                .noneMatch(name -> name.startsWith("org/apache/flink/streaming/api/environment/"))
                .noneMatch(name -> name.startsWith("dev/flowlens/sim/"))
                .noneMatch(name -> name.startsWith("dev/flowlens/cli/"))
                .noneMatch(name -> name.startsWith("org/apache/logging/log4j/core/"))
                .noneMatch(name -> name.startsWith("picocli/"))
                .noneMatch(name -> name.startsWith("org/duckdb/")) // ~70 MB of native code only report usage needs
                .noneMatch(name -> name.startsWith("META-INF/resources/webjars/echarts/5.3.1/src/")); // 41 MB WebJar
        assertThat(Files.size(JAR)).as("bytes").isLessThan(160L << 20);
    }
}
