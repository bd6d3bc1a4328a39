package dev.flowlens.jobs.kit.kafka;

/** A Kafka message as read: its bytes and where it came from. A POJO for Flink. */
public class KafkaMessage {
    public String topic;
    public int partition;
    public long offset;
    public byte[] value;

    public KafkaMessage() {}

    public KafkaMessage(String topic, int partition, long offset, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.value = value;
    }
}
