package dev.flowlens.jobs.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.KafkaBroker;
import dev.flowlens.jobs.enrich.KafkaBrokerExtension;
import dev.flowlens.jobs.enrich.MiniClusters;
import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.UnattributedReason;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.testkit.EnrichedFlows;
import dev.flowlens.testkit.Flows;
import dev.flowlens.testkit.TaskStates;
import dev.flowlens.testkit.flink.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enriched flows read back from a real Kafka broker: good messages become the flows that were written, bad ones dead
 * letters with their topic, partition and offset, and an aborted transaction's flows are not read at all.
 */
class EnrichedSourceTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(1);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void goodMessagesAreFlowsAndBadOnesDeadLettersWithTheirOrigin() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("enriched", 2));
        List<EnrichedFlow> flows = flows();
        Map<String, byte[]> bad = new HashMap<>();
        bad.put("not json", "this is not json".getBytes(StandardCharsets.UTF_8));
        bad.put("unknown field", "{\"flow\":{},\"src\":{},\"dst\":{},\"colour\":1}".getBytes(StandardCharsets.UTF_8));
        bad.put("broken utf-8", new byte[] {'{', (byte) 0xFF, '}'});
        bad.put("tombstone", null);

        Map<String, RecordMetadata> badAt = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, "writer")) {
            producer.initTransactions();
            producer.beginTransaction(); // aborted: a read_committed source must not see it
            producer.send(record("aborted", EnrichedFlowJson.toJson(flows.get(0)).getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            for (EnrichedFlow flow : flows) {
                producer.send(record("good", EnrichedFlowJson.toJson(flow).getBytes(StandardCharsets.UTF_8)));
            }
            for (Map.Entry<String, byte[]> message : bad.entrySet()) {
                badAt.put(message.getKey(), producer.send(record(message.getKey(), message.getValue())).get());
            }
            producer.commitTransaction();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RuntimeModes.bounded(env);
        try (CollectingSink<EnrichedFlow> read = CollectingSink.create("enriched");
                CollectingSink<DeadLetter> letters = CollectingSink.create("dead-letters")) {
            SingleOutputStreamOperator<EnrichedFlow> unpacked = env
                    .fromSource(KafkaConnectors.enrichedSource(bootstrap, "enriched", "detect-test", true,
                            new Properties()), WatermarkStrategy.noWatermarks(), "enriched flows (Kafka)")
                    .uid("enriched-source")
                    .process(new UnpackEnrichedMessages()).uid("unpack-enriched").name("unpack enriched flows");
            unpacked.sinkTo(read);
            unpacked.getSideOutput(DeadLetters.TAG).sinkTo(letters);
            env.execute("enriched source test");

            List<String> expected = flows.stream().map(EnrichedFlowJson::toJson).toList();
            List<String> actual = new ArrayList<>();
            for (EnrichedFlow flow : read.values()) {
                actual.add(EnrichedFlowJson.toJson(flow));
            }
            assertThat(actual).as("each committed flow once, as written; the aborted one not at all")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(read.values()).anySatisfy(flow -> {
                assertThat(flow.src.task.securityGroups).isNull(); // unknown survives as unknown
                assertThat(flow.dst.task.securityGroups).isEmpty(); // and none as none
            });

            Map<Origin, DeadLetter> byOrigin = new HashMap<>();
            letters.values().forEach(letter -> byOrigin.put(letter.origin, letter));
            assertThat(byOrigin).hasSize(bad.size());
            badAt.forEach((what, at) -> assertThat(byOrigin.get(Origin.kafka(at.topic(), at.partition(), at.offset())))
                    .as(what).isNotNull().satisfies(letter -> assertThat(letter.reason).isEqualTo(
                            what.equals("broken utf-8") ? DeadLetterReason.BAD_ENCODING
                                    : DeadLetterReason.BAD_ENRICHED_FLOW)));
            assertThat(byOrigin.get(origin(badAt.get("unknown field"))).message).contains("'colour'");
            assertThat(byOrigin.get(origin(badAt.get("not json"))).raw).isEqualTo("this is not json");
        }
    }

    private static List<EnrichedFlow> flows() {
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var src = TaskStates.task("web-" + i).service("web").ip("10.0.1." + (10 + i));
            var builder = EnrichedFlows.enriched(Flows.flow().from("10.0.1." + (10 + i)).to("2600:1f18::" + i)
                    .port(443).at(1_700_000_000L + 60L * i).build());
            if (i % 2 == 0) {
                builder.srcTask(src.identity()).dstTask(TaskStates.task("db-" + i).service("db").securityGroups()
                        .identity()).direction(FlowDirection.EAST_WEST);
            } else {
                builder.srcTask(src.securityGroups("sg-web", "sg-ünï").identity())
                        .dstUnattributed(UnattributedReason.NEVER_SEEN).dstPeer(PeerClass.INTERNET)
                        .dstThreatLists("spamhaus-drop").direction(FlowDirection.EGRESS);
            }
            EnrichedFlow flow = builder.build();
            if (i % 2 == 0) {
                flow.src.task.securityGroups = null; // no source knew them
                flow.src.attribution = AttributionMethod.ENI;
            }
            flows.add(flow);
        }
        return flows;
    }

    private static Origin origin(RecordMetadata at) {
        return Origin.kafka(at.topic(), at.partition(), at.offset());
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>("enriched", key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap, String transactionalId) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "transactional.id", transactionalId, "max.in.flight.requests.per.connection", "1"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
