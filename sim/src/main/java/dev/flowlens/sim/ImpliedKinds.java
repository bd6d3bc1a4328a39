package dev.flowlens.sim;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.alert.AlertKind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What else an incident truly is, judged from its own records against its service's normal traffic
 * ({@link FlowFactory#normalEgressPorts}, {@link FlowFactory#NORMAL_INTERNET_PEERS}), never from its kind:
 * <ul>
 *   <li>{@code new-external-destination}: it sends to an internet address its service never sends to;</li>
 *   <li>{@code unusual-port}: it sends on a protocol and port its service never sends on;</li>
 *   <li>{@code reject-storm}: most of its records are REJECTs, and at least {@value #STORM_REJECTS} of them fall
 *       within ten minutes;</li>
 *   <li>{@code threat-list-match}: a peer is on the deny list;</li>
 *   <li>{@code port-scan}: it reaches at least {@value #SCAN_PORTS} ports of one host; {@code network-sweep}: one
 *       port on at least {@value #SWEEP_HOSTS} hosts;</li>
 *   <li>{@code unknown-workload}: it receives from a task-subnet address no task held then.</li>
 * </ul>
 * Exfiltration and beaconing are not judged: they are only ever an incident's primary kind.
 */
final class ImpliedKinds {
    static final int STORM_REJECTS = 100;
    static final int SCAN_PORTS = 10;
    static final int SWEEP_HOSTS = 20;

    /** One record of the incident, with the true task of each end. */
    record Observed(FlowRecord record, String srcTask, String dstTask) {}

    private ImpliedKinds() {}

    static List<AlertKind> of(Simulation sim, Incident incident, List<Observed> records) {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        Set<String> tasks = new HashSet<>(incident.taskIds());
        Map<String, Set<Integer>> portsByHost = new HashMap<>();
        Map<String, Set<String>> hostsByPort = new HashMap<>();
        TreeMap<Long, Integer> rejectsByStart = new TreeMap<>();
        long rejected = 0;
        for (Observed seen : records) {
            FlowRecord record = seen.record();
            boolean egress = seen.srcTask() != null && tasks.contains(seen.srcTask())
                    && record.srcAddr.equals(sim.task(seen.srcTask()).ip);
            if ("REJECT".equals(record.action)) {
                rejected++;
                rejectsByStart.merge(record.start, 1, Integer::sum);
            }
            String peer = egress ? record.dstAddr : record.srcAddr;
            if (onDenyList(sim.denyList(), peer)) {
                kinds.add(AlertKind.THREAT_LIST_MATCH);
            }
            if (egress) {
                SimTask task = sim.task(seen.srcTask());
                if (internet(peer) && !FlowFactory.NORMAL_INTERNET_PEERS.contains(peer)) {
                    kinds.add(AlertKind.NEW_EXTERNAL_DESTINATION);
                }
                if (!FlowFactory.normalEgressPorts(sim.fleet, task).contains(record.protocol + "/" + record.dstPort)) {
                    kinds.add(AlertKind.UNUSUAL_PORT);
                }
                portsByHost.computeIfAbsent(peer, k -> new HashSet<>()).add(record.dstPort);
                hostsByPort.computeIfAbsent(record.dstPort + "/" + record.protocol, k -> new HashSet<>()).add(peer);
            } else if (inTaskSubnet(sim, peer) && sim.fleet.ownerAt(peer, record.start) == null) {
                kinds.add(AlertKind.UNKNOWN_WORKLOAD);
            }
        }
        if (rejected * 2 > records.size() && mostWithinTenMinutes(rejectsByStart) >= STORM_REJECTS) {
            kinds.add(AlertKind.REJECT_STORM);
        }
        if (portsByHost.values().stream().anyMatch(ports -> ports.size() >= SCAN_PORTS)) {
            kinds.add(AlertKind.PORT_SCAN);
        }
        if (hostsByPort.values().stream().anyMatch(hosts -> hosts.size() >= SWEEP_HOSTS)) {
            kinds.add(AlertKind.NETWORK_SWEEP);
        }
        kinds.remove(incident.kind());
        return List.copyOf(kinds);
    }

    private static int mostWithinTenMinutes(TreeMap<Long, Integer> counts) {
        int most = 0;
        for (Long from : counts.keySet()) {
            int sum = counts.subMap(from, true, from + 600, false).values().stream().mapToInt(Integer::intValue).sum();
            most = Math.max(most, sum);
        }
        return most;
    }

    /** Not in the VPC and not one of the AWS-service addresses the simulator uses. */
    private static boolean internet(String address) {
        return !contains(Fleet.VPC_CIDR, address) && !List.of(Simulation.S3_ADDRESSES).contains(address)
                && !List.of(Simulation.DYNAMODB_ADDRESSES).contains(address);
    }

    private static boolean inTaskSubnet(Simulation sim, String address) {
        for (String subnet : sim.taskSubnets()) {
            if (contains(subnet, address)) {
                return true;
            }
        }
        return false;
    }

    static boolean onDenyList(List<String> entries, String address) {
        for (String entry : entries) {
            if (entry.contains("/") ? contains(entry, address) : entry.equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an IPv4 {@code cidr} holds {@code address}. */
    static boolean contains(String cidr, String address) {
        int slash = cidr.indexOf('/');
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return (ipv4(cidr.substring(0, slash)) & mask) == (ipv4(address) & mask);
    }

    private static long ipv4(String address) {
        String[] parts = address.split("\\.");
        long value = 0;
        for (String part : parts) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
