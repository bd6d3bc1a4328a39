package dev.flowlens.sim;

import dev.flowlens.schemas.alert.AlertKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The incident variants the base set does not make: other rates, ports, peers, subnets and spreads of each kind, so
 * that detectors are scored on more than the simulator's first shapes. Every variant is its own incident on its own
 * tasks (none shared with another incident), inside the period, on tasks live through all of it; timing, tasks and
 * parameters are drawn from the seed. A variant whose period has no such task is left out and named in
 * {@link Simulation#leftOut()}.
 */
final class IncidentCatalogue {
    /** The variants, in planning order; durations in minutes, and at least {@code minWindows} capture windows. */
    enum Variant {
        SLOW_PORT_SCAN("slow-port-scan", AlertKind.PORT_SCAN, 30, 60, 1),
        FAST_PORT_SCAN("fast-port-scan", AlertKind.PORT_SCAN, 1, 1, 1),
        SLOW_SWEEP("slow-sweep", AlertKind.NETWORK_SWEEP, 30, 40, 1),
        OTHER_SUBNET_SWEEP("other-subnet-sweep", AlertKind.NETWORK_SWEEP, 3, 5, 1),
        JITTERED_BEACON("jittered-beacon", AlertKind.BEACONING, 120, 180, 1),
        SLOW_EXFILTRATION("slow-exfiltration", AlertKind.EXFILTRATION, 120, 180, 1),
        SPREAD_EXFILTRATION("spread-exfiltration", AlertKind.EXFILTRATION, 30, 60, 1),
        SLOW_REJECT_STORM("slow-reject-storm", AlertKind.REJECT_STORM, 10, 10, 1),
        THREAT_LIST_CIDR("threat-list-cidr", AlertKind.THREAT_LIST_MATCH, 3, 6, 1),
        UNUSUAL_PORT_SSH("unusual-port-ssh", AlertKind.UNUSUAL_PORT, 3, 8, 1),
        UNUSUAL_PORT_RDP("unusual-port-rdp", AlertKind.UNUSUAL_PORT, 3, 8, 1),
        UNUSUAL_PORT_IRC("unusual-port-irc", AlertKind.UNUSUAL_PORT, 3, 8, 1),
        UNUSUAL_PORT_REVERSE_SHELL("unusual-port-reverse-shell", AlertKind.UNUSUAL_PORT, 3, 8, 1),
        UNKNOWN_WORKLOAD_OTHER_SUBNET("unknown-workload-other-subnet", AlertKind.UNKNOWN_WORKLOAD, 3, 6, 1),
        NEW_DESTINATION("new-destination", AlertKind.NEW_EXTERNAL_DESTINATION, 5, 10, 4),
        NEW_DESTINATION_KNOWN_PREFIX("new-destination-known-prefix", AlertKind.NEW_EXTERNAL_DESTINATION, 5, 10, 4),
        NEW_DESTINATION_QUIC("new-destination-quic", AlertKind.NEW_EXTERNAL_DESTINATION, 5, 10, 4);

        final String wireName;
        final AlertKind kind;
        final int minMinutes;
        final int maxMinutes;
        final int minWindows;

        Variant(String wireName, AlertKind kind, int minMinutes, int maxMinutes, int minWindows) {
            this.wireName = wireName;
            this.kind = kind;
            this.minMinutes = minMinutes;
            this.maxMinutes = maxMinutes;
            this.minWindows = minWindows;
        }
    }

    /** The deny-list entry the threat-list variant's peer is in (benchmarking space, RFC 2544): a CIDR, not a host. */
    static final String DENY_CIDR = "198.19.64.0/22";

    /** Where a script's records go: records on the ENI of one of the incident's tasks. */
    interface IncidentFlows {
        /** A record of {@code task} sending to {@code dst}; {@code at} its capture start, -1 for the window's. */
        void egress(SimTask task, int sport, String dst, int dport, int protocol, String action, long packets,
                long at);

        /** A record of {@code task} receiving from {@code src}. */
        void ingress(SimTask task, String src, int sport, int dport, int protocol, String action, long packets);

        /** A fresh ephemeral port, unique within the window. */
        int ephemeralPort();
    }

    /** What one incident does in one capture window; {@code random} is the incident's own for that window. */
    interface Script {
        void window(long ws, Random random, IncidentFlows out);
    }

    /** An incident with the script that makes its records ({@code null} for the base set's) and its random seed. */
    record Planned(Incident incident, Script script, long seed) {}

    private static final int TRIES = 200;

    private final Simulation sim;
    private final Random random;
    private final Set<String> used;
    private final List<String> leftOut;
    private final Set<Integer> usedOctets = new HashSet<>();

    /**
     * @param used tasks already given an incident (the base set's, in {@code all}); the variants' tasks are added
     * @param leftOut where a variant that found no task is named, with why
     */
    IncidentCatalogue(Simulation sim, Random random, Set<String> used, List<String> leftOut) {
        this.sim = sim;
        this.random = random;
        this.used = used;
        this.leftOut = leftOut;
    }

    /** Plans every variant, in catalogue order. */
    List<Planned> plan() {
        List<Planned> planned = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            Planned one = plan(variant);
            if (one != null) {
                planned.add(one);
            }
        }
        return planned;
    }

    private Planned plan(Variant variant) {
        long drawn = variant.minMinutes + random.nextInt(variant.maxMinutes - variant.minMinutes + 1);
        long duration = duration(variant, drawn);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            if (attempt == TRIES / 2) { // tasks rarely live for hours: the second half tries the shortest span
                duration = duration(variant, variant.minMinutes);
            }
            long latest = sim.endSecond() - duration;
            if (latest < sim.startSecond()) {
                continue;
            }
            int window = sim.config.windowSeconds();
            long at = sim.startSecond() + (long) (random.nextDouble() * (latest - sim.startSecond() + 1));
            at -= (at - sim.startSecond()) % window;
            long until = at + duration;
            List<SimTask> free = new ArrayList<>();
            for (SimTask task : sim.fleet.liveThrough(at, until)) {
                if (!task.standalone && !used.contains(task.id)) {
                    free.add(task);
                }
            }
            List<SimTask> tasks = variant == Variant.SPREAD_EXFILTRATION ? spread(free)
                    : free.isEmpty() ? List.of() : List.of(free.get(random.nextInt(free.size())));
            if (tasks.isEmpty()) {
                continue;
            }
            Planned planned = script(variant, tasks, at, until);
            if (planned == null) {
                continue;
            }
            for (SimTask task : tasks) {
                used.add(task.id);
            }
            return planned;
        }
        leftOut.add(variant.wireName + ": no task of a service lived through any of " + TRIES + " drawn spans of "
                + duration / 60 + " to " + duration(variant, drawn) / 60 + " minutes without another incident");
        return null;
    }

    /** {@code minutes}, at least the variant's windows, in whole capture windows. */
    private long duration(Variant variant, long minutes) {
        int window = sim.config.windowSeconds();
        long duration = Math.max(minutes * 60, (long) variant.minWindows * window);
        return (duration + window - 1) / window * window;
    }

    /**
     * Three to five tasks of one service for the exfiltration spread over tasks: the service with the fewest tasks
     * that has three free, so that modest excess per task is far above the service's normal total.
     */
    private List<SimTask> spread(List<SimTask> free) {
        Map<String, List<SimTask>> byService = new LinkedHashMap<>();
        for (SimTask task : free) {
            byService.computeIfAbsent(task.service, k -> new ArrayList<>()).add(task);
        }
        List<SimTask> best = List.of();
        for (List<SimTask> tasks : byService.values()) {
            if (tasks.size() >= 3 && (best.isEmpty() || tasks.size() < best.size())) {
                best = tasks;
            }
        }
        if (best.isEmpty()) {
            return best;
        }
        return List.copyOf(best.subList(0, Math.min(best.size(), 3 + random.nextInt(3))));
    }

    private Planned script(Variant variant, List<SimTask> tasks, long at, long until) {
        SimTask task = tasks.get(0);
        int window = sim.config.windowSeconds();
        long seed = random.nextLong();
        String peer;
        Script script;
        switch (variant) {
            case SLOW_PORT_SCAN -> {
                SimTask victim = victim(task, at, until);
                if (victim == null) {
                    return null;
                }
                int perMinute = 2 + random.nextInt(3);
                int perWindow = perMinute * window / 60;
                int first = 1000 * (1 + random.nextInt(8)); // 1000-1100 up to 8000-8100
                peer = victim.ip;
                script = (ws, r, out) -> {
                    long index = (ws - at) / window;
                    int sport = out.ephemeralPort();
                    for (int j = 0; j < perWindow; j++) {
                        int port = first + (int) ((index * perWindow + j) % 101);
                        out.egress(task, sport, victim.ip, port, 6, port == 8080 ? "ACCEPT" : "REJECT", 1, -1);
                    }
                };
            }
            case FAST_PORT_SCAN -> {
                SimTask victim = victim(task, at, until);
                if (victim == null) {
                    return null;
                }
                int[] ports = distinctPorts(1000);
                peer = victim.ip;
                script = (ws, r, out) -> {
                    int sport = out.ephemeralPort();
                    for (int port : ports) {
                        out.egress(task, sport, victim.ip, port, 6, port == 8080 ? "ACCEPT" : "REJECT", 1, -1);
                    }
                };
            }
            case SLOW_SWEEP, OTHER_SUBNET_SWEEP -> {
                boolean slow = variant == Variant.SLOW_SWEEP;
                int az = slow ? task.az : (task.az + 1 + random.nextInt(2)) % 3;
                int port = slow ? (random.nextBoolean() ? 3389 : 445) : new int[] {5432, 6379, 9200}[random.nextInt(3)];
                int perWindow = (slow ? 2 + random.nextInt(3) : 40) * window / 60;
                int hosts = sim.fleet.subnetSize() - 5; // offsets 4 .. size-2
                int first = random.nextInt(hosts);
                peer = Fleet.subnetCidr(az, sim.config.subnetPrefix());
                script = (ws, r, out) -> {
                    long index = (ws - at) / window;
                    for (int j = 0; j < perWindow; j++) {
                        int offset = 4 + (int) ((first + index * perWindow + j) % hosts);
                        out.egress(task, out.ephemeralPort(), Fleet.subnetAddress(az, offset), port, 6, "REJECT", 1,
                                -1);
                    }
                };
            }
            case JITTERED_BEACON -> {
                int period = 120 + random.nextInt(481); // 2 to 10 minutes
                List<long[]> beats = new ArrayList<>(); // {second, packets}
                for (long t = at + random.nextInt(period); t < until; ) {
                    beats.add(new long[] {t, 2 + random.nextInt(11)});
                    t += Math.round(period * (0.7 + 0.6 * random.nextDouble())); // +-30% jitter
                }
                peer = newHost();
                String host = peer;
                script = (ws, r, out) -> {
                    for (long[] beat : beats) {
                        if (beat[0] >= ws && beat[0] < ws + window) {
                            out.egress(task, out.ephemeralPort(), host, 443, 6, "ACCEPT", beat[1], beat[0]);
                        }
                    }
                };
            }
            case SLOW_EXFILTRATION, SPREAD_EXFILTRATION -> {
                // packets a minute per task: moderate for the slow one (a normal task sends about 150), modest per
                // task when spread (the service's total, with three to five of its fewest tasks, far above normal)
                int perMinute = variant == Variant.SLOW_EXFILTRATION ? 2000 + random.nextInt(2001)
                        : 400 + random.nextInt(201);
                peer = newHost();
                String host = peer;
                script = (ws, r, out) -> {
                    for (SimTask each : tasks) {
                        long packets = Math.round(perMinute * window / 60.0 * (0.8 + 0.4 * r.nextDouble()));
                        out.egress(each, out.ephemeralPort(), host, 443, 6, "ACCEPT", packets, -1);
                    }
                };
            }
            case SLOW_REJECT_STORM -> {
                int perWindow = (20 + random.nextInt(31)) * window / 60;
                int inbound = new int[] {3306, 5432, 6379}[random.nextInt(3)];
                String[] relays = {newHost(), newHost(), newHost()}; // a spam bot retrying a few mail relays
                peer = null;
                script = (ws, r, out) -> {
                    for (int i = 0; i < perWindow; i++) {
                        if (r.nextBoolean()) {
                            String source = "192.0.2." + (1 + r.nextInt(250));
                            out.ingress(task, source, out.ephemeralPort(), inbound, 6, "REJECT", 1);
                        } else {
                            out.egress(task, out.ephemeralPort(), relays[r.nextInt(3)], 25, 6, "REJECT", 1, -1);
                        }
                    }
                };
            }
            case THREAT_LIST_CIDR -> {
                peer = "198.19." + (64 + random.nextInt(4)) + "." + (1 + random.nextInt(254));
                int port = new int[] {22, 993, 8443}[random.nextInt(3)];
                String host = peer;
                script = (ws, r, out) -> out.egress(task, out.ephemeralPort(), host, port, 6, "ACCEPT",
                        20 + r.nextInt(41), -1);
            }
            case UNUSUAL_PORT_SSH, UNUSUAL_PORT_RDP, UNUSUAL_PORT_IRC, UNUSUAL_PORT_REVERSE_SHELL -> {
                int port = switch (variant) {
                    case UNUSUAL_PORT_SSH -> 22;
                    case UNUSUAL_PORT_RDP -> 3389;
                    case UNUSUAL_PORT_IRC -> 6667;
                    default -> 4444;
                };
                peer = newHost();
                String host = peer;
                script = (ws, r, out) -> out.egress(task, out.ephemeralPort(), host, port, 6, "ACCEPT",
                        (50 + r.nextInt(351)) * (long) window / 60, -1);
            }
            case UNKNOWN_WORKLOAD_OTHER_SUBNET -> {
                // AZ 0 or 1 (the base set's is in 2); if every assignable address there was held in the period,
                // one AWS reserves for future use, which no task can hold
                int az = random.nextInt(2);
                String never = sim.fleet.neverHeldAssignableAddress(az);
                peer = never != null ? never : Fleet.subnetAddress(az, 3);
                int port = new int[] {22, 5432, 9090}[random.nextInt(3)];
                String source = peer;
                script = (ws, r, out) -> out.ingress(task, source, out.ephemeralPort(), port, 6, "ACCEPT",
                        10 + r.nextInt(31));
            }
            case NEW_DESTINATION, NEW_DESTINATION_KNOWN_PREFIX, NEW_DESTINATION_QUIC -> {
                // a new /24, a new host in a /24 the services already use, or a new host over QUIC (UDP 443)
                peer = variant == Variant.NEW_DESTINATION_KNOWN_PREFIX ? "203.0.113." + (200 + random.nextInt(50))
                        : newHost();
                int protocol = variant == Variant.NEW_DESTINATION_QUIC ? 17 : 6;
                String host = peer;
                script = (ws, r, out) -> out.egress(task, out.ephemeralPort(), host, 443, protocol, "ACCEPT",
                        10 + r.nextInt(31), -1);
            }
            default -> throw new IllegalStateException("no script for " + variant);
        }
        List<String> ids = new ArrayList<>();
        for (SimTask each : tasks) {
            ids.add(each.id);
        }
        return new Planned(new Incident(variant.kind, variant.wireName, ids, at, until, peer, List.of()), script,
                seed);
    }

    /** Another task live through the span, to be scanned; {@code null} if there is none. */
    private SimTask victim(SimTask scanner, long at, long until) {
        List<SimTask> live = new ArrayList<>(sim.fleet.liveThrough(at, until));
        live.removeIf(t -> t == scanner);
        return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
    }

    /** {@code count} distinct TCP ports drawn from 1 to 65535. */
    private int[] distinctPorts(int count) {
        Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(1 + random.nextInt(65535));
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An internet host in a /24 no other incident and no normal traffic uses (benchmarking space, RFC 2544). */
    private String newHost() {
        int octet;
        do {
            octet = 1 + random.nextInt(250);
        } while (!usedOctets.add(octet));
        return "198.18." + octet + "." + (1 + random.nextInt(254));
    }
}
