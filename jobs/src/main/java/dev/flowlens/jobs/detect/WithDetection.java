package dev.flowlens.jobs.detect;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.jobs.enrich.EnrichmentTopology;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Enrichment and detection in one topology: the enrichment job's outputs as configured, and its enriched flows also
 * through the detectors to the alert outputs ({@code flowlens run enrich} with a {@code detection:} section).
 */
public record WithDetection(EnrichmentTopology.Sinks enrichmentSinks, DetectionSettings settings, boolean bounded,
        Duration lateness, DetectionTopology.Sinks alertSinks) implements EnrichmentTopology.Sinks {

    @Override
    public void enriched(DataStream<EnrichedFlow> flows) {
        enrichmentSinks.enriched(flows);
        DetectionTopology.build(flows, settings, bounded, lateness, alertSinks);
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        enrichmentSinks.deadLetters(deadLetters);
    }
}
