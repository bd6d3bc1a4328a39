package dev.flowlens.jobs.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.KafkaBroker;
import dev.flowlens.jobs.enrich.KafkaBrokerExtension;
import dev.flowlens.jobs.enrich.MiniClusters;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.sim.DirectAttribution;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import dev.flowlens.testkit.EnrichedFlows;
import dev.flowlens.testkit.Flows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sinks.kafka.format: avro}: what a consumer holding only {@code schemas/enriched-flow.avsc} and Avro's own
 * decoder reads back is, column by column, what the Parquet dataset holds for the same flow.
 */
class EnrichedFlowAvroTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** The schema as a consumer gets it: the committed file, not the class that generated it. */
    private static Schema committed;
    private static final List<EnrichedFlow> FLOWS = new ArrayList<>();

    @BeforeAll
    static void simulatedFlows(@TempDir Path dir) throws Exception {
        committed = new Schema.Parser().parse(Files.readString(Path.of("../schemas/enriched-flow.avsc")));
        Simulation simulation = new Simulation(SimConfig.defaults().withDuration(6).withSeed(7));
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.LINES).write();
        DirectAttribution.attribute(simulation, scenario, FLOWS::add);
    }

    @Test
    void everyColumnOfEverySimulatedFlowReadsBackWithTheCommittedSchema() {
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), committed);
        EnrichedFlowAvroEncoder encoder = new EnrichedFlowAvroEncoder();
        assertThat(FLOWS).hasSizeGreaterThan(1000);
        for (EnrichedFlow flow : FLOWS) {
            assertColumnsEqual(flow, decode(decoder, encoder.encode(flow)));
        }
    }

    /** The columns the simulator leaves null or empty: every union branch and an empty list. */
    @Test
    void nullsEmptyListsAndExtremeValuesReadBack() {
        EnrichedFlow sparse = EnrichedFlows.enriched(Flows.flow().bytes(Long.MAX_VALUE).packets(0L).srcPort(65535).build()).build();
        sparse.record.dstAddr = null;
        sparse.src.threatLists.clear();
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), committed);
        assertColumnsEqual(sparse, decode(decoder, new EnrichedFlowAvroEncoder().encode(sparse)));
    }

    /** The encoder reuses its buffer: a message must not change when the next one is encoded. */
    @Test
    void aMessageIsItsOwnCopy() {
        EnrichedFlowAvroEncoder encoder = new EnrichedFlowAvroEncoder();
        byte[] first = encoder.encode(FLOWS.get(0));
        byte[] again = first.clone();
        encoder.encode(FLOWS.get(1));
        assertThat(first).isEqualTo(again);
    }

    @Test
    void smallerThanTheJsonForm() {
        EnrichedFlowAvroEncoder encoder = new EnrichedFlowAvroEncoder();
        long avro = 0;
        long json = 0;
        for (EnrichedFlow flow : FLOWS) {
            avro += encoder.encode(flow).length;
            json += EnrichedFlowJson.toJson(flow).getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(avro).isLessThan(json / 2);
    }

    @Test
    void theKafkaSinkWritesEveryFlowOnceInAvro() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("enriched-avro", 2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        env.fromData(FLOWS).sinkTo(KafkaConnectors.enrichedSink(bootstrap, "enriched-avro", "avro-test",
                new Properties(), EnrichedFlowFormat.AVRO));
        env.execute("avro sink test");

        List<byte[]> values = KafkaBroker.readCommittedValues(bootstrap, "enriched-avro", FLOWS.size(),
                Duration.ofSeconds(60));
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), committed);
        List<String> read = new ArrayList<>();
        for (byte[] value : values) {
            read.add(decode(decoder, value).toString());
        }
        EnrichedFlowAvroEncoder encoder = new EnrichedFlowAvroEncoder();
        List<String> written = new ArrayList<>();
        for (EnrichedFlow flow : FLOWS) {
            written.add(decode(decoder, encoder.encode(flow)).toString());
        }
        read.sort(Comparator.naturalOrder());
        written.sort(Comparator.naturalOrder());
        assertThat(read).isEqualTo(written);
    }

    @Test
    void detectionNamesAnAvroMessageInsteadOfCallingItBadText() {
        EnrichedMessage message = EnrichedMessage.read("enriched", 0, 42, new EnrichedFlowAvroEncoder()
                .encode(FLOWS.get(0)));
        assertThat(message.flow).isNull();
        assertThat(message.deadLetter.message).contains("Avro message").contains("sinks.kafka.format: json");
    }

    private static GenericRecord decode(BinaryMessageDecoder<GenericRecord> decoder, byte[] message) {
        try {
            return decoder.decode(message);
        } catch (java.io.IOException e) {
            throw new AssertionError("Avro's decoder refused a message", e);
        }
    }

    private static void assertColumnsEqual(EnrichedFlow flow, GenericRecord read) {
        for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
            Object expected = column.value().apply(flow);
            Object actual = read.get(column.name());
            if (actual instanceof CharSequence text) {
                actual = text.toString();
            } else if (actual instanceof List<?> items) {
                actual = items.stream().map(Object::toString).toList();
            }
            assertThat(actual).as(column.name()).isEqualTo(expected);
        }
    }
}
