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
 */
public record EnrichmentSettings(String format, String eventsSource, long retentionMillis, List<String> vpcCidrs,
        Map<String, List<String>> threatLists) implements Serializable {}
