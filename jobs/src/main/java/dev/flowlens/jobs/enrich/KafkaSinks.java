package dev.flowlens.jobs.enrich;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Enriched flows to a Kafka topic, exactly once, and to whatever the file sink applier writes (nothing, when it has
 * no enriched directories); dead letters to its files.
 */
public final class KafkaSinks implements EnrichmentTopology.Sinks {
    private final String bootstrapServers;
    private final String topic;
    private final String transactionalIdPrefix;
    private final Properties properties;
    private final EnrichmentTopology.Sinks fileSinks;

    public KafkaSinks(String bootstrapServers, String topic, String transactionalIdPrefix, Properties properties,
            EnrichmentTopology.Sinks fileSinks) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.properties = properties;
        this.fileSinks = fileSinks;
    }

    @Override
    public void enriched(DataStream<EnrichedFlow> flows) {
        flows.sinkTo(KafkaConnectors.enrichedSink(bootstrapServers, topic, transactionalIdPrefix, properties))
                .uid("enriched-kafka").name("enriched flows (Kafka, exactly once)");
        fileSinks.enriched(flows);
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        fileSinks.deadLetters(deadLetters);
    }
}
