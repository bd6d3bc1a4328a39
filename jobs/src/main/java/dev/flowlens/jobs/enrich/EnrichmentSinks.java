package dev.flowlens.jobs.enrich;

import dev.flowlens.jobs.kit.kafka.EnrichedFlowFormat;
import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.jobs.kit.sinks.FileSinks;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The enrichment job's outputs as configured: enriched flows as JSON lines, a Parquet dataset and/or an exactly-once
 * Kafka topic; dead letters as JSON lines.
 *
 * @param enrichedJson directory of enriched JSON lines, or {@code null} for none
 * @param parquet directory (local or {@code s3://}) of the Parquet dataset, or {@code null} for none
 * @param deadLetters directory of dead letters
 * @param kafka the Kafka topic of enriched flows, or {@code null} for none
 */
public record EnrichmentSinks(String enrichedJson, String parquet, String deadLetters, Kafka kafka)
        implements EnrichmentTopology.Sinks {

    /** File outputs only. */
    public static EnrichmentSinks files(String enrichedJson, String parquet, String deadLetters) {
        return new EnrichmentSinks(enrichedJson, parquet, deadLetters, null);
    }

    /** A Kafka topic written exactly once in {@code format}, in transactions under {@code transactionalIdPrefix}. */
    public record Kafka(String bootstrapServers, String topic, String transactionalIdPrefix, Properties properties,
            EnrichedFlowFormat format) {
        /** The JSON form, the default. */
        public Kafka(String bootstrapServers, String topic, String transactionalIdPrefix, Properties properties) {
            this(bootstrapServers, topic, transactionalIdPrefix, properties, EnrichedFlowFormat.JSON);
        }
    }

    @Override
    public void enriched(DataStream<EnrichedFlow> flows) {
        if (kafka != null) {
            flows.sinkTo(KafkaConnectors.enrichedSink(kafka.bootstrapServers(), kafka.topic(),
                            kafka.transactionalIdPrefix(), kafka.properties(), kafka.format()))
                    .uid("enriched-kafka").name("enriched flows (Kafka, exactly once)");
        }
        if (enrichedJson != null) {
            FileSinks.enrichedJson(flows, enrichedJson);
        }
        if (parquet != null) {
            FileSinks.enrichedParquet(flows, parquet);
        }
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> letters) {
        FileSinks.deadLetters(letters, deadLetters);
    }
}
