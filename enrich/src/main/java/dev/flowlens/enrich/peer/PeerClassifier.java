package dev.flowlens.enrich.peer;

import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.PeerClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says what an address that is not a task is: inside the VPC, an AWS service, or the internet; and which deny or
 * threat lists it is on. Built from configuration; the threat lists can be replaced while it runs
 * ({@link #useThreatLists}). Lookups are prefix-trie walks.
 */
public final class PeerClassifier {
    private final PrefixTrie<Boolean> vpc = new PrefixTrie<>();
    private final AwsIpRanges aws;
    private Map<String, PrefixTrie<Boolean>> threatLists = Map.of();

    /**
     * @param vpcCidrs the VPC's CIDR blocks (IPv4 and IPv6)
     * @param aws AWS's address ranges
     * @param threatLists list name to the addresses and CIDRs on it
     */
    public PeerClassifier(List<String> vpcCidrs, AwsIpRanges aws, Map<String, List<String>> threatLists) {
        for (String cidr : vpcCidrs) {
            vpc.add(cidr, Boolean.TRUE);
        }
        this.aws = aws;
        useThreatLists(threatLists);
    }

    /**
     * Replaces the threat lists (list name to the addresses and CIDRs on it) for the ends classified from now on.
     * The new tries are built first, so a bad entry leaves the old lists in place.
     */
    public void useThreatLists(Map<String, List<String>> lists) {
        Map<String, PrefixTrie<Boolean>> tries = new LinkedHashMap<>();
        lists.forEach((name, entries) -> {
            PrefixTrie<Boolean> trie = new PrefixTrie<>();
            for (String entry : entries) {
                trie.add(entry, Boolean.TRUE);
            }
            tries.put(name, trie);
        });
        threatLists = tries;
    }

    /**
     * Fills the peer fields of {@code endpoint}. A task end stays {@link PeerClass#TASK}; other ends are classed by
     * the record's own {@code pkt-*-aws-service} value when present, then the VPC CIDRs, AWS's ranges, the internet.
     */
    public void classify(FlowEndpoint endpoint, String recordAwsService) {
        String address = endpoint.address;
        if (address == null) {
            endpoint.peerClass = PeerClass.NONE;
            return;
        }
        endpoint.threatLists = listsOf(address);
        if (endpoint.task != null) {
            endpoint.peerClass = PeerClass.TASK;
        } else if (recordAwsService != null) {
            endpoint.peerClass = PeerClass.AWS_SERVICE;
            endpoint.awsService = recordAwsService;
        } else if (vpc.find(address) != null) {
            endpoint.peerClass = PeerClass.SAME_VPC;
        } else {
            String service = aws.service(address);
            endpoint.peerClass = service != null ? PeerClass.AWS_SERVICE : PeerClass.INTERNET;
            endpoint.awsService = service;
        }
    }

    /**
     * Whether {@code address} could belong to a task: it is inside the VPC's CIDRs, or no CIDRs are configured (then
     * any address could).
     */
    public boolean couldBeTask(String address) {
        return vpc.isEmpty() || vpc.find(address) != null;
    }

    private List<String> listsOf(String address) {
        List<String> lists = null;
        for (Map.Entry<String, PrefixTrie<Boolean>> list : threatLists.entrySet()) {
            if (list.getValue().find(address) != null) {
                if (lists == null) {
                    lists = new ArrayList<>(2);
                }
                lists.add(list.getKey());
            }
        }
        return lists == null ? new ArrayList<>(0) : lists;
    }
}
