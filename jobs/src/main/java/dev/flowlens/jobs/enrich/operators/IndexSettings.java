package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.peer.ThreatList;
import dev.flowlens.jobs.kit.AwsSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every attribution operator's task index needs.
 *
 * @param retention how long stopped tasks stay in the index
 * @param vpcCidrs the VPC's CIDRs (non-task addresses inside are same-vpc)
 * @param threatLists the deny or threat lists as read when the job was built
 * @param threatListsRefresh how much processing time passes before an operator loads the lists with a location
 *     again; {@code null} never
 * @param aws how to reach S3 for {@code s3://} lists; {@code null} when none is on S3
 * @param interfaceScopes the account and VPC of interfaces no task owns (trunks, load balancers), by ENI id, from
 *     the account's exports: their records are scoped by them ({@code AttributionIndex.describeInterface})
 */
public record IndexSettings(Duration retention, List<String> vpcCidrs, List<ThreatList> threatLists,
        Duration threatListsRefresh, AwsSettings aws, Map<String, List<String>> interfaceScopes)
        implements Serializable {
    public IndexSettings {
        vpcCidrs = List.copyOf(vpcCidrs);
        threatLists = List.copyOf(threatLists);
        // a HashMap of ArrayLists: serializable, and nulls kept (an export may name the VPC and not the account)
        Map<String, List<String>> scopes = new java.util.HashMap<>();
        interfaceScopes.forEach((eni, scope) -> scopes.put(eni, new ArrayList<>(scope)));
        interfaceScopes = scopes;
    }

    /** Without interface scopes (no exports). */
    public IndexSettings(Duration retention, List<String> vpcCidrs, List<ThreatList> threatLists,
            Duration threatListsRefresh, AwsSettings aws) {
        this(retention, vpcCidrs, threatLists, threatListsRefresh, aws, Map.of());
    }

    /** These settings with the interface scopes of the account's exports. */
    public IndexSettings withInterfaceScopes(Map<String, List<String>> scopes) {
        return new IndexSettings(retention, vpcCidrs, threatLists, threatListsRefresh, aws, scopes);
    }

    /** Threat lists held in memory (list name to its addresses and CIDRs), never reloaded. */
    public IndexSettings(Duration retention, List<String> vpcCidrs, Map<String, List<String>> threatLists) {
        this(retention, vpcCidrs, fixed(threatLists), null, null);
    }

    /** Whether some list is to be loaded again while the job runs. */
    public boolean reloadsThreatLists() {
        return threatListsRefresh != null && threatLists.stream().anyMatch(list -> list.location() != null);
    }

    private static List<ThreatList> fixed(Map<String, List<String>> lists) {
        List<ThreatList> fixed = new ArrayList<>();
        lists.forEach((name, entries) -> fixed.add(ThreatList.fixed(name, entries)));
        return fixed;
    }
}
