package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.ingest.FlowLineWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The base incident set is today's: for a seed, the flows (every record as its flow-log line, with its true tasks
 * and tags) and the incidents (kind, task, window, peer) hash to what the simulator made before the incident
 * catalogue existed. The expected hashes were recorded from a run of that code (commit 4962a34).
 */
class BaseIncidentSetTest {
    @Test
    void defaultScenarioIsUnchanged() throws Exception {
        assertThat(fingerprint(SimConfig.defaults())).isEqualTo("38278"
                + " e060f651dbd817ad63e0e40d0925c1d6fead2ef2df1c946f3ac26071c124f0e4"
                + " 8 19454ba4d19d7f2af5c8bbcc374e02d2105ef299315d13995fc24212f02c7c99");
    }

    @Test
    void anotherSeedFormatAndWindowAreUnchanged() throws Exception {
        SimConfig config = SimConfigFile.apply(SimConfig.defaults(), new ObjectMapper().readTree(
                "{\"seed\": 7, \"format\": \"v7\", \"duration-minutes\": 180, \"window-seconds\": 600}"));
        assertThat(fingerprint(config)).isEqualTo("21290"
                + " 7abc58804a94a909656054506f3bf919529cb0b151c38f4013a7133895fba3fc"
                + " 8 2c2b684dea79aa96382a527d74523ec705a41fd58ae0154b890900c7294ab242");
    }

    /** {@code records sha256(flows) incidents sha256(incidents)}. */
    static String fingerprint(SimConfig config) throws NoSuchAlgorithmException {
        Simulation sim = new Simulation(config);
        FlowLineWriter lines = new FlowLineWriter(sim.format());
        MessageDigest flows = MessageDigest.getInstance("SHA-256");
        long[] records = {0};
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        sim.generate((record, srcTask, dstTask, tags) -> {
            line.reset();
            try {
                lines.write(record, line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            flows.update(line.toByteArray());
            flows.update((srcTask + "\t" + dstTask + "\t" + tags + "\n").getBytes(StandardCharsets.UTF_8));
            records[0]++;
        });
        MessageDigest incidents = MessageDigest.getInstance("SHA-256");
        for (Incident incident : sim.incidents()) {
            incidents.update((incident.kind().wireName() + "\t" + incident.taskId() + "\t" + incident.start() + "\t"
                    + incident.end() + "\t" + incident.peer() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return records[0] + " " + HexFormat.of().formatHex(flows.digest()) + " " + sim.incidents().size() + " "
                + HexFormat.of().formatHex(incidents.digest());
    }
}
