package dev.flowlens.jobs.enrich;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node Kafka (KRaft, combined broker and controller) in this JVM, set up for transactions. Public for the
 * benchmark harness (through this module's test-jar).
 */
public final class KafkaBroker {
    /**
     * Every committed message of {@code topic} ({@code read_committed}), waiting until {@code expected} have come
     * (at most 30 s) and then two quiet seconds more, so duplicates would show.
     */
    public static List<String> readCommitted(String bootstrapServers, String topic, long expected) {
        return readCommitted(bootstrapServers, topic, expected, Duration.ofSeconds(30));
    }

    /** As {@link #readCommitted(String, String, long)}, waiting at most {@code timeout}. */
    public static List<String> readCommitted(String bootstrapServers, String topic, long expected, Duration timeout) {
        return readCommittedValues(bootstrapServers, topic, expected, timeout).stream()
                .map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }

    /** As {@link #readCommitted(String, String, long, Duration)}, the values as bytes (binary formats). */
    public static List<byte[]> readCommittedValues(String bootstrapServers, String topic, long expected,
            Duration timeout) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrapServers, "group.id", "verify-" + topic, "auto.offset.reset", "earliest",
                "isolation.level", "read_committed", "enable.auto.commit", "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() < deadline
                    && (values.size() < expected || System.currentTimeMillis() - quietSince < 2_000)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    values.add(record.value());
                    quietSince = System.currentTimeMillis();
                }
            }
        }
        return values;
    }

    /** Creates topics of the given partition counts. */
    public static void createTopics(String bootstrapServers, Map<String, Integer> partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(partitions.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1)).toList()).all().get();
        }
    }

    /**
     * Sends each value as one message, one at a time, each acknowledged before the next: a young in-process broker
     * can reject a pipelined batch as out of sequence, and a lost message would only show as a test timing out.
     */
    public static void send(String bootstrapServers, String topic, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers, "acks", "all", "max.in.flight.requests.per.connection", "1"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private KafkaBroker() {}

    public static KafkaClusterTestKit start() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }
}
