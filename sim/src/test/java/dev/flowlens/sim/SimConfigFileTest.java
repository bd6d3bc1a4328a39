package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void keysOverrideTheDefaults() throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, "{\"seed\": 9, \"services\": 5, \"format\": \"v7\", \"window-seconds\": 600,"
                + " \"start\": \"2025-01-01T00:00:00Z\", \"event-loss-rate\": 0.1, \"incidents\": false}");
        SimConfig config = SimConfigFile.read(file);
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.services()).isEqualTo(5);
        assertThat(config.format()).isEqualTo("v7");
        assertThat(config.windowSeconds()).isEqualTo(600);
        assertThat(config.start()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(config.eventLossRate()).isEqualTo(0.1);
        assertThat(config.incidents()).isFalse();
        assertThat(config.durationMinutes()).isEqualTo(SimConfig.defaults().durationMinutes());
    }

    @Test
    void mistakesNameTheKey() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"servces\": 5}");
        assertThatThrownBy(() -> SimConfigFile.read(file)).hasMessageContaining("unknown scenario key 'servces'");
        Files.writeString(file, "{\"services\": \"five\"}");
        assertThatThrownBy(() -> SimConfigFile.read(file)).hasMessageContaining("services: must be a number");
        Files.writeString(file, "{\"window-seconds\": 90}");
        assertThatThrownBy(() -> SimConfigFile.read(file)).hasMessageContaining("60 or 600");
    }

    @Test
    void theIncidentSetIsAKey() throws Exception {
        Path file = dir.resolve("variants.json");
        Files.writeString(file, "{\"incident-set\": \"variants\", \"duration-minutes\": 240}");
        assertThat(SimConfigFile.read(file).incidentSet()).isEqualTo(IncidentSet.VARIANTS);
        assertThat(SimConfig.defaults().incidentSet()).isEqualTo(IncidentSet.BASE);
        Files.writeString(file, "{\"incident-set\": \"some\"}");
        assertThatThrownBy(() -> SimConfigFile.read(file))
                .hasMessage("incident-set: unknown incident set 'some': use base, variants or all");
        Files.writeString(file, "{\"incident-set\": \"all\"}");
        assertThatThrownBy(() -> SimConfigFile.read(file)).hasMessageContaining("at least 240 minutes")
                .hasMessageContaining("duration-minutes");
        Files.writeString(file, "{\"incident-set\": \"all\", \"incidents\": false}"); // nothing to fit
        assertThat(SimConfigFile.read(file).incidents()).isFalse();
    }
}
