package dev.flowlens.jobs.enrich.operators;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every attribution operator's task index needs.
 *
 * @param retention how long stopped tasks stay in the index
 * @param vpcCidrs the VPC's CIDRs (non-task addresses inside are same-vpc)
 * @param threatLists deny or threat list name to its addresses and CIDRs
 */
public record IndexSettings(Duration retention, List<String> vpcCidrs, Map<String, List<String>> threatLists)
        implements Serializable {
    public IndexSettings {
        vpcCidrs = List.copyOf(vpcCidrs);
        threatLists = Map.copyOf(threatLists);
    }
}
