package dev.flowlens.jobs.kit.kafka;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.jobs.kit.sinks.FileSinks;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka ends of the jobs: a source of raw flow-log messages (with their topic, partition and offset, for
 * dead-letter origins), a source of enriched flows read back from the enrichment job's topic, and exactly-once sinks
 * of JSON records: enriched flows keyed by service so that one service's flows stay in order, and any other record by
 * a key of its own (alerts by their id).
 */
public final class KafkaConnectors {
    /** Kafka's transactions must not outlive the broker's limit; 15 minutes is the default maximum. */
    public static final long TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000;

    /**
     * Producer settings of the exactly-once sinks unless their {@code properties} say otherwise. Kafka's defaults
     * (16 KiB batches, 5 ms linger) send an enriched flow's topic in batches of about ten JSON messages, and the
     * producer and the broker work per batch: 256 KiB batches about doubled the streaming job's throughput
     * (bench/README.md, {@code JobThroughput}). Transactions commit on checkpoints, so lingering a little longer to
     * fill batches delays nothing a consumer can see. No compression by default: LZ4 and zstd measured no faster on
     * the job's own cores; set {@code compression.type} where the network or the broker's disk is the limit.
     */
    public static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
            "batch.size", "262144",
            "linger.ms", "20");

    private KafkaConnectors() {}

    /**
     * Event time of Kafka messages: their record timestamps, 15 minutes out of order (flow logs arrive late), and
     * idle partitions do not hold the watermark back.
     */
    public static WatermarkStrategy<KafkaMessage> watermarks() {
        return WatermarkStrategy.<KafkaMessage>forBoundedOutOfOrderness(Duration.ofMinutes(15))
                .withIdleness(Duration.ofMinutes(1));
    }

    /** Raw flow-log messages from {@code topic}; bounded to the offsets at start when {@code bounded}. */
    public static KafkaSource<KafkaMessage> flowLogSource(String bootstrapServers, String topic, String groupId,
            boolean bounded, Properties properties) {
        return source(bootstrapServers, topic, groupId, bounded, properties, new MessageDeserializer());
    }

    /** ECS Task State Change events (JSON text, one per message) from {@code topic}. */
    public static KafkaSource<String> taskEventSource(String bootstrapServers, String topic, String groupId,
            boolean bounded, Properties properties) {
        return source(bootstrapServers, topic, groupId, bounded, properties,
                KafkaRecordDeserializationSchema.valueOnly(new SimpleStringSchema()));
    }

    /**
     * Enriched flows from {@code topic}, the enrichment job's output ({@link #enrichedSink}), unbounded. Each
     * message's value is parsed with {@link EnrichedFlowJson#parse}; a value that is not an enriched flow comes as a
     * message with a dead letter instead of a flow ({@link UnpackEnrichedMessages} splits the two).
     */
    public static KafkaSource<EnrichedMessage> enrichedSource(String bootstrapServers, String topic, String groupId,
            Properties properties) {
        return enrichedSource(bootstrapServers, topic, groupId, false, properties);
    }

    /**
     * As {@link #enrichedSource(String, String, String, Properties)}, bounded to the offsets at start when
     * {@code bounded}. Reads {@code read_committed} unless {@code properties} say otherwise: the topic is written in
     * transactions, and an uncommitted reader would also see the flows of aborted ones (duplicates after a restart).
     */
    public static KafkaSource<EnrichedMessage> enrichedSource(String bootstrapServers, String topic, String groupId,
            boolean bounded, Properties properties) {
        Properties consumer = new Properties();
        consumer.setProperty("isolation.level", "read_committed");
        consumer.putAll(properties);
        return source(bootstrapServers, topic, groupId, bounded, consumer, new EnrichedMessageDeserializer());
    }

    /** Reads from the earliest offset when the group has none committed (a first start replays what is kept). */
    private static <T> KafkaSource<T> source(String bootstrapServers, String topic, String groupId, boolean bounded,
            Properties properties, KafkaRecordDeserializationSchema<T> deserializer) {
        var builder = KafkaSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setProperties(properties)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Enriched flows to {@code topic} in {@code format}, keyed by service, exactly once (transactions under
     * {@code transactionalIdPrefix}).
     */
    public static KafkaSink<EnrichedFlow> enrichedSink(String bootstrapServers, String topic,
            String transactionalIdPrefix, Properties properties, EnrichedFlowFormat format) {
        KafkaRecordSerializationSchema<EnrichedFlow> serializer = switch (format) {
            case JSON -> new JsonSerializer<>(topic, EnrichedFlowJson::write, KafkaConnectors::serviceKey);
            case AVRO -> new AvroSerializer(topic);
        };
        return exactlyOnce(bootstrapServers, transactionalIdPrefix, properties, serializer);
    }

    /**
     * Records as JSON to {@code topic}, one per message, keyed by {@code key} (records with one key stay in order in
     * one partition), exactly once: in Kafka transactions under {@code transactionalIdPrefix}, committed on
     * checkpoints, with {@code transaction.timeout.ms} within the broker's limit.
     */
    public static <T> KafkaSink<T> jsonSink(String bootstrapServers, String topic, String transactionalIdPrefix,
            Properties properties, FileSinks.JsonEncoder<T> encoder, MessageKey<T> key) {
        return exactlyOnce(bootstrapServers, transactionalIdPrefix, properties, new JsonSerializer<>(topic, encoder,
                key));
    }

    private static <T> KafkaSink<T> exactlyOnce(String bootstrapServers, String transactionalIdPrefix,
            Properties properties, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producerProperties(properties))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(serializer)
                .build();
    }

    /**
     * The exactly-once sinks' producer settings: {@link #PRODUCER_DEFAULTS}, then {@code properties} (which may
     * override them), then {@code transaction.timeout.ms}, which must stay within the broker's limit.
     */
    static Properties producerProperties(Properties properties) {
        Properties producer = new Properties();
        producer.putAll(PRODUCER_DEFAULTS);
        producer.putAll(properties);
        producer.setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT_MS));
        return producer;
    }

    /** The key of a record's message; {@code null} for none (Kafka then spreads such records over partitions). */
    @FunctionalInterface
    public interface MessageKey<T> extends Serializable {
        String of(T record);
    }

    /** The service a flow belongs to for ordering: its source task's service, else its destination's. */
    static String serviceKey(EnrichedFlow flow) {
        for (TaskIdentity task : new TaskIdentity[] {flow.src.task, flow.dst.task}) {
            if (task != null) {
                return task.serviceName != null ? task.serviceName : task.group;
            }
        }
        return flow.record.interfaceId == null ? "-" : flow.record.interfaceId;
    }

    private static final class MessageDeserializer implements KafkaRecordDeserializationSchema<KafkaMessage> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaMessage> out) {
            out.collect(new KafkaMessage(record.topic(), record.partition(), record.offset(),
                    record.value() == null ? new byte[0] : record.value()));
        }

        @Override
        public TypeInformation<KafkaMessage> getProducedType() {
            return TypeInformation.of(KafkaMessage.class);
        }
    }

    /** Never throws on a bad value (that would fail the job): the message then carries a dead letter. */
    private static final class EnrichedMessageDeserializer
            implements KafkaRecordDeserializationSchema<EnrichedMessage> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EnrichedMessage> out) {
            out.collect(EnrichedMessage.read(record.topic(), record.partition(), record.offset(), record.value()));
        }

        @Override
        public TypeInformation<EnrichedMessage> getProducedType() {
            return TypeInformation.of(EnrichedMessage.class);
        }
    }

    private static final class AvroSerializer implements KafkaRecordSerializationSchema<EnrichedFlow> {
        private final String topic;
        private transient EnrichedFlowAvroEncoder avro;

        AvroSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(EnrichedFlow flow, KafkaSinkContext context, Long timestamp) {
            if (avro == null) {
                avro = new EnrichedFlowAvroEncoder();
            }
            return new ProducerRecord<>(topic, serviceKey(flow).getBytes(StandardCharsets.UTF_8), avro.encode(flow));
        }
    }

    /**
     * One generator and one buffer per sink writer, reused for every record: a generator and a growing buffer per
     * record cost a third of the JSON time and most of the streaming job's allocation. No root-value separator, so
     * each message holds exactly the bytes a fresh generator writes.
     */
    static final class JsonSerializer<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final FileSinks.JsonEncoder<T> encoder;
        private final MessageKey<T> key;
        private transient Buffer bytes;
        private transient JsonGenerator generator;

        JsonSerializer(String topic, FileSinks.JsonEncoder<T> encoder, MessageKey<T> key) {
            this.topic = topic;
            this.encoder = encoder;
            this.key = key;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
            String messageKey = key.of(record);
            return new ProducerRecord<>(topic, messageKey == null ? null : messageKey.getBytes(StandardCharsets.UTF_8),
                    encode(record));
        }

        /** The record's JSON, as {@code encoder} writes it to a fresh generator. */
        byte[] encode(T record) {
            try {
                if (generator == null) {
                    bytes = new Buffer();
                    generator = new JsonFactoryBuilder().rootValueSeparator((String) null).build()
                            .createGenerator(bytes);
                }
                bytes.reset();
                encoder.write(generator, record);
                generator.flush();
                return bytes.toByteArray();
            } catch (IOException | RuntimeException e) {
                generator = null; // half a record may be in it: the next one starts afresh
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }
    }

    /** An in-memory stream sized for an enriched flow, grown once and reused. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }
    }
}
