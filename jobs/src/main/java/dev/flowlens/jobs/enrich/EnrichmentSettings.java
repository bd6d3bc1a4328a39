package dev.flowlens.jobs.enrich;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the enrichment operators need to know.
 *
 * @param format AWS format string of flow-log input without header lines
 * @param eventsSource name of the events' origin, for dead letters
 * @param retentionMillis how long stopped tasks stay in the index
 * @param vpcCidrs the VPC's CIDRs (non-task addresses inside are same-vpc)
 * @param threatLists deny or threat list name to its addresses and CIDRs
 * @param streaming event-time settings for unbounded inputs; {@code null} for bounded ones, which run in BATCH mode
 *     and see all metadata before any flow
 */
public record EnrichmentSettings(String format, String eventsSource, long retentionMillis, List<String> vpcCidrs,
        Map<String, List<String>> threatLists, Streaming streaming) implements Serializable {

    /** Settings for bounded inputs. */
    public EnrichmentSettings(String format, String eventsSource, long retentionMillis, List<String> vpcCidrs,
            Map<String, List<String>> threatLists) {
        this(format, eventsSource, retentionMillis, vpcCidrs, threatLists, null);
    }

    public EnrichmentSettings withStreaming(Streaming streaming) {
        return new EnrichmentSettings(format, eventsSource, retentionMillis, vpcCidrs, threatLists, streaming);
    }

    /**
     * Event time on unbounded inputs.
     *
     * @param holdBackMillis how long (event time) a flow newer than the metadata waits for it
     * @param maxHeldPerInterface at most this many flows wait per interface; more go out at once
     * @param flowOutOfOrdernessMillis how far out of order flow records arrive (by their {@code start})
     * @param metadataOutOfOrdernessMillis how far out of order task events arrive (by their time)
     * @param idlenessMillis an input quiet this long (wall clock) stops holding the watermark back
     */
    public record Streaming(long holdBackMillis, int maxHeldPerInterface, long flowOutOfOrdernessMillis,
            long metadataOutOfOrdernessMillis, long idlenessMillis) implements Serializable {}
}
