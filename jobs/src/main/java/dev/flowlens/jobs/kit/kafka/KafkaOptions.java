package dev.flowlens.jobs.kit.kafka;

import dev.flowlens.jobs.kit.JobOption;
import java.util.List;
import java.util.Map;

/**
 * The keys of one Kafka endpoint of a job, under a prefix ({@code flow-logs.kafka.bootstrap-servers}, ...): declared
 * once here for every prefix that has one.
 *
 * @param groupId {@code null} for a sink
 */
public record KafkaOptions(JobOption<String> bootstrapServers, JobOption<String> topic, JobOption<String> groupId,
        JobOption<Map<String, String>> properties) {

    /** A source's keys: servers, topic, consumer group (defaulting to {@code defaultGroup}) and client properties. */
    public static KafkaOptions source(String prefix, String what, String defaultGroup) {
        return new KafkaOptions(
                JobOption.key(prefix + ".kafka.bootstrap-servers").text(null, "the brokers of the " + what + " topic"),
                JobOption.key(prefix + ".kafka.topic").text(null, "the topic of " + what),
                JobOption.key(prefix + ".kafka.group-id").text(defaultGroup, "the consumer group; a new group starts"
                        + " at the earliest offset, a restart at the checkpointed ones"),
                JobOption.key(prefix + ".kafka.properties").map("any Kafka client property for the " + what
                        + " topic (TLS, SASL, ...)"));
    }

    /** A sink's keys: servers, topic and producer properties. */
    public static KafkaOptions sink(String prefix, String what) {
        return new KafkaOptions(
                JobOption.key(prefix + ".kafka.bootstrap-servers").text(null, "the brokers of the " + what + " topic"),
                JobOption.key(prefix + ".kafka.topic").text(null, "the topic " + what + " go to (optional)"),
                null,
                JobOption.key(prefix + ".kafka.properties").map("any Kafka producer property for the " + what
                        + " topic"));
    }

    public List<JobOption<?>> all() {
        return groupId == null ? List.of(bootstrapServers, topic, properties)
                : List.of(bootstrapServers, topic, groupId, properties);
    }
}
