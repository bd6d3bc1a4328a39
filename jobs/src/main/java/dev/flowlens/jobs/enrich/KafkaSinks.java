package dev.flowlens.jobs.enrich;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Enriched flows to a Kafka topic, exactly once; dead letters to the files of another sink applier. */
public final class KafkaSinks implements EnrichmentTopology.Sinks {
    private final String bootstrapServers;
    private final String topic;
    private final String transactionalIdPrefix;
    private final Properties properties;
    private final EnrichmentTopology.Sinks deadLetterSinks;

    public KafkaSinks(String bootstrapServers, String topic, String transactionalIdPrefix, Properties properties,
            EnrichmentTopology.Sinks deadLetterSinks) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.properties = properties;
        this.deadLetterSinks = deadLetterSinks;
    }

    @Override
    public void enriched(DataStream<EnrichedFlow> flows) {
        flows.sinkTo(KafkaConnectors.enrichedSink(bootstrapServers, topic, transactionalIdPrefix, properties))
                .uid("enriched-kafka").name("enriched flows (Kafka, exactly once)");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetterSinks.deadLetters(deadLetters);
    }
}
