package dev.flowlens.jobs.kit.kafka;

import java.util.Locale;

/** How enriched flows are written to Kafka ({@code sinks.kafka.format}). */
public enum EnrichedFlowFormat {
    /** One JSON object per message ({@code schemas/enriched-flow.md}): what {@code flowlens run detect} reads. */
    JSON,
    /** Avro, single-object encoding, schema {@code schemas/enriched-flow.avsc} ({@link EnrichedFlowAvroEncoder}). */
    AVRO;

    /** {@code json} or {@code avro}; a one-line error naming both otherwise. */
    public static EnrichedFlowFormat of(String key, String name) {
        for (EnrichedFlowFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(key + ": '" + name + "' is no Kafka format of enriched flows; use json"
                + " (schemas/enriched-flow.md) or avro (schemas/enriched-flow.avsc)");
    }
}
