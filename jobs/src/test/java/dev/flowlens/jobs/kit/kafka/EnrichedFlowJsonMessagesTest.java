package dev.flowlens.jobs.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.sim.DirectAttribution;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka sink's JSON messages reuse one generator and one buffer: each message must still be exactly one flow's
 * JSON as a fresh writer writes it, with nothing of the record before it (no separator, no leftover bytes), and a
 * record that fails half-way must not leak into the next message.
 */
class EnrichedFlowJsonMessagesTest {
    private static final List<EnrichedFlow> FLOWS = new ArrayList<>();

    @BeforeAll
    static void simulatedFlows(@TempDir Path dir) throws Exception {
        Simulation simulation = new Simulation(SimConfig.defaults().withDuration(6).withSeed(11));
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.LINES).write();
        DirectAttribution.attribute(simulation, scenario, FLOWS::add);
    }

    @Test
    void everyMessageIsItsFlowsJsonAlone() {
        KafkaConnectors.JsonSerializer<EnrichedFlow> serializer = new KafkaConnectors.JsonSerializer<>("enriched",
                EnrichedFlowJson::write, KafkaConnectors::serviceKey);
        assertThat(FLOWS).hasSizeGreaterThan(1000);
        for (EnrichedFlow flow : FLOWS) {
            ProducerRecord<byte[], byte[]> message = serializer.serialize(flow, null, null);
            assertThat(new String(message.value(), StandardCharsets.UTF_8)).isEqualTo(EnrichedFlowJson.toJson(flow));
            assertThat(new String(message.key(), StandardCharsets.UTF_8))
                    .isEqualTo(KafkaConnectors.serviceKey(flow));
        }
    }

    @Test
    void aRecordThatFailsHalfWayLeavesNothingInTheNext() {
        EnrichedFlow broken = new EnrichedFlow();
        broken.record = FLOWS.get(0).record; // written, then src is missing: the encoder throws inside the object
        KafkaConnectors.JsonSerializer<EnrichedFlow> serializer = new KafkaConnectors.JsonSerializer<>("enriched",
                EnrichedFlowJson::write, flow -> null);
        serializer.serialize(FLOWS.get(1), null, null);
        assertThatThrownBy(() -> serializer.serialize(broken, null, null)).isInstanceOf(NullPointerException.class);

        ProducerRecord<byte[], byte[]> next = serializer.serialize(FLOWS.get(2), null, null);

        assertThat(new String(next.value(), StandardCharsets.UTF_8)).isEqualTo(EnrichedFlowJson.toJson(FLOWS.get(2)));
        assertThat(next.key()).isNull();
    }
}
