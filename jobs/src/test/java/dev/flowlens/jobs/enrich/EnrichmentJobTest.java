package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster jar's entry point reads its configuration from a YAML file or Managed Flink's property groups. */
class EnrichmentJobTest {
    @TempDir
    Path dir;

    @Test
    void readsYamlOrPropertyGroups() throws Exception {
        Path yaml = Files.writeString(dir.resolve("job.yaml"), "sinks:\n  dead-letters: dl\n");
        assertThat(EnrichmentJob.config(new String[] {"--config", yaml.toString()})
                .required(EnrichmentOptions.DEAD_LETTERS)).isEqualTo("dl");
        Path groups = Files.writeString(dir.resolve("application_properties.json"),
                "[{\"PropertyGroupId\": \"sinks\", \"PropertyMap\": {\"dead-letters\": \"dl2\"}}]");
        assertThat(EnrichmentJob.config(new String[] {"--property-groups", groups.toString()})
                .required(EnrichmentOptions.DEAD_LETTERS)).isEqualTo("dl2");
    }

    @Test
    void otherArgumentsAreAUsageError() {
        assertThatThrownBy(() -> EnrichmentJob.config(new String[] {"--conf", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("usage: EnrichmentJob");
    }
}
