package dev.flowlens.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection job's cluster entry point reads its keys from a YAML file or Managed Flink's property groups. */
class DetectionJobTest {
    @TempDir
    Path dir;

    @Test
    void readsYamlOrPropertyGroups() throws Exception {
        Path yaml = Files.writeString(dir.resolve("job.yaml"), "enriched:\n  kafka:\n    topic: flows\n");
        assertThat(DetectionJob.config(new String[] {"--config", yaml.toString()})
                .get(DetectionJobOptions.ENRICHED_KAFKA.topic())).isEqualTo("flows");
        Path groups = Files.writeString(dir.resolve("application_properties.json"),
                "[{\"PropertyGroupId\": \"enriched\", \"PropertyMap\": {\"kafka.topic\": \"flows2\"}}]");
        assertThat(DetectionJob.config(new String[] {"--property-groups", groups.toString()})
                .get(DetectionJobOptions.ENRICHED_KAFKA.topic())).isEqualTo("flows2");
    }

    @Test
    void otherArgumentsAreAUsageError() {
        assertThatThrownBy(() -> DetectionJob.config(new String[] {"--conf", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("usage: DetectionJob");
    }
}
