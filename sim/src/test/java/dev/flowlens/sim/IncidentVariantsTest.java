package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.alert.AlertKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every catalogue variant is in the truth, its records carry its tags, and they have the variant's shape. */
class IncidentVariantsTest {
    private static final SimConfig CONFIG = SimConfig.defaults().withDuration(IncidentSet.VARIANTS_MINUTES)
            .withIncidentSet(IncidentSet.ALL);

    private static Simulation sim;
    /** The records tagged with each variant, by variant name. */
    private static final Map<String, List<FlowRecord>> BY_VARIANT = new HashMap<>();
    private static final Map<String, List<String>> TASKS_BY_VARIANT = new HashMap<>();
    private static long records;

    @BeforeAll
    static void generate() {
        sim = new Simulation(CONFIG);
        sim.generate((record, srcTask, dstTask, tags) -> {
            records++;
            for (String tag : tags.split(",")) {
                if (tag.startsWith("variant:")) {
                    String variant = tag.substring("variant:".length());
                    BY_VARIANT.computeIfAbsent(variant, k -> new ArrayList<>()).add(record);
                    // the task whose ENI logged it: the sender of egress, else the receiver
                    boolean egress = srcTask != null && record.srcAddr.equals(sim.task(srcTask).ip);
                    TASKS_BY_VARIANT.computeIfAbsent(variant, k -> new ArrayList<>())
                            .add(egress ? srcTask : dstTask);
                }
            }
        });
    }

    @Test
    void everyVariantIsInTheTruthWithTaggedRecordsOnItsOwnTasks() {
        assertThat(sim.leftOut()).isEmpty();
        Set<String> variants = new HashSet<>();
        Set<String> tasks = new HashSet<>();
        for (Incident incident : sim.incidents()) {
            for (String task : incident.taskIds()) {
                assertThat(tasks.add(task)).as("task %s in two incidents", task).isTrue();
                SimTask live = sim.task(task);
                assertThat(live.liveAt(incident.start()) && live.liveAt(incident.end() - 1))
                        .as(incident.variant()).isTrue();
            }
            assertThat(incident.start()).isGreaterThanOrEqualTo(sim.startSecond());
            assertThat(incident.end()).isLessThanOrEqualTo(sim.endSecond());
            if (!incident.variant().equals(Incident.BASE)) {
                variants.add(incident.variant());
                assertThat(BY_VARIANT.get(incident.variant())).as(incident.variant()).isNotEmpty();
                assertThat(new HashSet<>(TASKS_BY_VARIANT.get(incident.variant())))
                        .as(incident.variant()).isEqualTo(new HashSet<>(incident.taskIds()));
            }
        }
        Set<String> catalogue = new HashSet<>();
        for (IncidentCatalogue.Variant variant : IncidentCatalogue.Variant.values()) {
            catalogue.add(variant.wireName);
        }
        assertThat(variants).isEqualTo(catalogue);
        assertThat(sim.incidents().stream().filter(i -> i.variant().equals(Incident.BASE))).hasSize(8);
        assertThat(sim.incidents().stream().map(Incident::kind)).contains(AlertKind.NEW_EXTERNAL_DESTINATION);
    }

    @Test
    void slowScanReachesAFewPortsPerWindowAndManyOverall() {
        Map<Long, Set<Integer>> perWindow = portsPerWindow("slow-port-scan");
        assertThat(perWindow.values()).allSatisfy(ports -> assertThat(ports.size()).isBetween(2, 4));
        assertThat(perWindow.values().stream().flatMap(Set::stream).distinct().count()).isGreaterThanOrEqualTo(60);
        Set<String> hosts = hosts("slow-port-scan");
        assertThat(hosts).hasSize(1);
        assertThat(perWindow.values().stream().flatMap(Set::stream)).allSatisfy(port ->
                assertThat(port).isGreaterThanOrEqualTo(1000).isLessThanOrEqualTo(8100));
    }

    @Test
    void fastScanReachesAThousandPortsOfOneHostInOneWindow() {
        Map<Long, Set<Integer>> perWindow = portsPerWindow("fast-port-scan");
        assertThat(perWindow).hasSize(1);
        assertThat(perWindow.values().iterator().next()).hasSize(1000);
        assertThat(hosts("fast-port-scan")).hasSize(1);
    }

    @Test
    void slowSweepReachesAFewHostsPerWindowOnRdpOrSmbOverHalfAnHour() {
        List<FlowRecord> sweep = BY_VARIANT.get("slow-sweep");
        Map<Long, Set<String>> perWindow = new TreeMap<>();
        for (FlowRecord record : sweep) {
            perWindow.computeIfAbsent(record.start, k -> new HashSet<>()).add(record.dstAddr);
        }
        assertThat(perWindow.values()).allSatisfy(hosts -> assertThat(hosts.size()).isBetween(2, 4));
        assertThat(perWindow).hasSizeGreaterThanOrEqualTo(30);
        assertThat(hosts("slow-sweep")).hasSizeGreaterThanOrEqualTo(60);
        assertThat(sweep.stream().map(r -> r.dstPort).collect(Collectors.toSet())).hasSize(1)
                .containsAnyOf(3389, 445);
    }

    @Test
    void otherSubnetSweepLeavesTheTasksOwnSubnet() {
        Incident incident = incident("other-subnet-sweep");
        SimTask task = sim.task(incident.taskId());
        String own = Fleet.subnetCidr(task.az, CONFIG.subnetPrefix());
        assertThat(incident.peer()).isNotEqualTo(own);
        assertThat(BY_VARIANT.get("other-subnet-sweep")).allSatisfy(record ->
                assertThat(ImpliedKinds.contains(incident.peer(), record.dstAddr)).isTrue());
        assertThat(hosts("other-subnet-sweep")).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void jitteredBeaconHasVaryingIntervalsAndBytes() {
        List<Long> beats = BY_VARIANT.get("jittered-beacon").stream().map(r -> r.start).sorted().toList();
        assertThat(beats).hasSizeGreaterThanOrEqualTo(10);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < beats.size(); i++) {
            gaps.add(beats.get(i) - beats.get(i - 1));
        }
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(mean).isBetween(120 * 0.7, 600 * 1.3);
        // jitter: intervals spread, yet none beyond +-30% of the period (so within 0.7/1.3 of each other's range)
        long shortest = gaps.stream().mapToLong(Long::longValue).min().orElseThrow();
        long longest = gaps.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(longest - shortest).as("jitter").isGreaterThan((long) (mean * 0.2));
        assertThat((double) longest / shortest).isLessThanOrEqualTo(1.3 / 0.7 + 0.01);
        assertThat(BY_VARIANT.get("jittered-beacon").stream().map(r -> r.bytes).distinct().count())
                .isGreaterThan(1);
        assertThat(BY_VARIANT.get("jittered-beacon")).allSatisfy(r -> assertThat(r.dstPort).isEqualTo(443));
    }

    @Test
    void exfiltrationSpreadOverHoursAndOverTasks() {
        Incident slow = incident("slow-exfiltration");
        assertThat(slow.end() - slow.start()).isBetween(2 * 3600L, 3 * 3600L);
        Incident spread = incident("spread-exfiltration");
        assertThat(spread.taskIds()).hasSizeBetween(3, 5);
        assertThat(spread.taskIds().stream().map(id -> sim.task(id).service).distinct()).hasSize(1);
        // each task's share is modest beside the slow exfiltration's, every task sends every window
        long slowPerWindow = BY_VARIANT.get("slow-exfiltration").stream().mapToLong(r -> r.packets).sum()
                / ((slow.end() - slow.start()) / 60);
        long spreadPerTaskWindow = BY_VARIANT.get("spread-exfiltration").stream().mapToLong(r -> r.packets).sum()
                / ((spread.end() - spread.start()) / 60) / spread.taskIds().size();
        assertThat(spreadPerTaskWindow).isLessThan(slowPerWindow / 2);
        assertThat(BY_VARIANT.get("spread-exfiltration"))
                .hasSize((int) ((spread.end() - spread.start()) / 60) * spread.taskIds().size());
    }

    @Test
    void slowRejectStormIsTensPerMinuteOverTenMinutes() {
        Map<Long, Long> perWindow = BY_VARIANT.get("slow-reject-storm").stream()
                .collect(Collectors.groupingBy(r -> r.start - r.start % 60, TreeMap::new, Collectors.counting()));
        assertThat(perWindow).hasSize(10);
        assertThat(perWindow.values()).allSatisfy(n -> assertThat(n).isBetween(20L, 50L));
        assertThat(BY_VARIANT.get("slow-reject-storm")).allSatisfy(r -> {
            assertThat(r.action).isEqualTo("REJECT");
            assertThat(r.dstPort).isNotEqualTo(443);
        });
    }

    @Test
    void threatListVariantIsOnACidrEntryOnAnotherPort() {
        Incident incident = incident("threat-list-cidr");
        assertThat(sim.denyList()).contains(IncidentCatalogue.DENY_CIDR).doesNotContain(incident.peer());
        assertThat(ImpliedKinds.onDenyList(sim.denyList(), incident.peer())).isTrue();
        assertThat(BY_VARIANT.get("threat-list-cidr")).allSatisfy(r -> assertThat(r.dstPort).isNotEqualTo(443));
    }

    @Test
    void unusualPortsAreSshRdpIrcAndReverseShellToInternetHosts() {
        Map<String, Integer> expected = Map.of("unusual-port-ssh", 22, "unusual-port-rdp", 3389, "unusual-port-irc",
                6667, "unusual-port-reverse-shell", 4444);
        for (Map.Entry<String, Integer> variant : expected.entrySet()) {
            assertThat(BY_VARIANT.get(variant.getKey())).allSatisfy(r -> {
                assertThat(r.dstPort).isEqualTo(variant.getValue());
                assertThat(r.dstAddr).doesNotStartWith("10.");
            });
        }
    }

    @Test
    void unknownWorkloadComesFromAnotherNeverHeldAddress() {
        Incident base = sim.incidents().stream().filter(i -> i.kind() == AlertKind.UNKNOWN_WORKLOAD
                && i.variant().equals(Incident.BASE)).findFirst().orElseThrow();
        Incident variant = incident("unknown-workload-other-subnet");
        assertThat(variant.peer()).isNotEqualTo(base.peer());
        assertThat(sim.fleet.tasks.stream().map(t -> t.ip)).doesNotContain(variant.peer());
        assertThat(BY_VARIANT.get("unknown-workload-other-subnet")).allSatisfy(r -> {
            assertThat(r.srcAddr).isEqualTo(variant.peer());
            assertThat(r.dstPort).isNotEqualTo(8080);
        });
    }

    @Test
    void newDestinationsAreNewHostsOn443ForSeveralWindows() {
        for (String name : List.of("new-destination", "new-destination-known-prefix", "new-destination-quic")) {
            Incident incident = incident(name);
            assertThat(BY_VARIANT.get(name)).as(name).hasSizeGreaterThanOrEqualTo(4).allSatisfy(r -> {
                assertThat(r.dstPort).isEqualTo(443);
                assertThat(FlowFactory.NORMAL_INTERNET_PEERS).doesNotContain(r.dstAddr);
            });
            // QUIC is UDP 443, a protocol and port the services never send on
            assertThat(incident.implied()).as(name).isEqualTo(name.equals("new-destination-quic")
                    ? List.of(AlertKind.UNUSUAL_PORT) : List.of());
        }
        String prefix = incident("new-destination").peer().replaceAll("\\.\\d+$", ".");
        assertThat(FlowFactory.NORMAL_INTERNET_PEERS).noneMatch(peer -> peer.startsWith(prefix));
        assertThat(BY_VARIANT.get("new-destination-quic")).allSatisfy(r -> assertThat(r.protocol).isEqualTo(17));
    }

    @Test
    void impliedKindsFollowFromWhatTheIncidentDoes() {
        assertThat(incident("fast-port-scan").implied())
                .contains(AlertKind.REJECT_STORM, AlertKind.UNUSUAL_PORT).doesNotContain(AlertKind.PORT_SCAN);
        assertThat(incident("slow-port-scan").implied()).doesNotContain(AlertKind.REJECT_STORM); // too slow
        assertThat(incident("jittered-beacon").implied()).containsExactly(AlertKind.NEW_EXTERNAL_DESTINATION);
        assertThat(incident("threat-list-cidr").implied())
                .containsExactlyInAnyOrder(AlertKind.NEW_EXTERNAL_DESTINATION, AlertKind.UNUSUAL_PORT);
        assertThat(incident("slow-reject-storm").implied())
                .contains(AlertKind.UNUSUAL_PORT).doesNotContain(AlertKind.NETWORK_SWEEP);
        Incident baseThreat = sim.incidents().stream().filter(i -> i.kind() == AlertKind.THREAT_LIST_MATCH
                && i.variant().equals(Incident.BASE)).findFirst().orElseThrow();
        assertThat(baseThreat.implied()).containsExactly(AlertKind.NEW_EXTERNAL_DESTINATION); // on 443, as usual
    }

    @Test
    void normalTrafficStaysWithinTheProfileTheImpliedKindsAreJudgedAgainst() {
        Simulation quiet = new Simulation(SimConfig.defaults().withDuration(60));
        Set<Integer> ports = new HashSet<>();
        Set<String> internet = new HashSet<>();
        quiet.generate((record, srcTask, dstTask, tags) -> {
            if (srcTask == null || record.srcAddr == null || !record.srcAddr.equals(quiet.task(srcTask).ip)
                    || tags.contains("incident:")) {
                return;
            }
            assertThat(FlowFactory.normalEgressPorts(quiet.fleet, quiet.task(srcTask)))
                    .contains(record.protocol + "/" + record.dstPort);
            ports.add(record.dstPort);
            if (!record.dstAddr.startsWith("10.") && !record.dstAddr.startsWith("52.")
                    && !record.dstAddr.startsWith("54.")) {
                internet.add(record.dstAddr);
            }
        });
        assertThat(ports).containsExactlyInAnyOrder(443, 53, 8080);
        assertThat(internet).isEqualTo(FlowFactory.NORMAL_INTERNET_PEERS);
    }

    @Test
    void allHasTheBaseSetsRecordsAndIncidentsPlusTheVariants() throws Exception {
        SimConfig base = SimConfig.defaults().withDuration(IncidentSet.VARIANTS_MINUTES);
        Simulation baseOnly = new Simulation(base);
        List<Incident> baseIncidents = sim.incidents().stream()
                .filter(i -> i.variant().equals(Incident.BASE)).toList();
        assertThat(baseIncidents).isEqualTo(baseOnly.incidents());
        long[] baseRecords = {0};
        baseOnly.generate((record, srcTask, dstTask, tags) -> baseRecords[0]++);
        long variantRecords = BY_VARIANT.values().stream().mapToLong(List::size).sum();
        assertThat(records).isEqualTo(baseRecords[0] + variantRecords);
    }

    @Test
    void theVariantsNeedAPeriodTheyFitIn() {
        assertThatThrownBy(() -> SimConfig.defaults().withIncidentSet(IncidentSet.VARIANTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 240 minutes");
    }

    private static Incident incident(String variant) {
        return sim.incidents().stream().filter(i -> i.variant().equals(variant)).findFirst().orElseThrow();
    }

    private static Map<Long, Set<Integer>> portsPerWindow(String variant) {
        Map<Long, Set<Integer>> perWindow = new TreeMap<>();
        for (FlowRecord record : BY_VARIANT.get(variant)) {
            perWindow.computeIfAbsent(record.start, k -> new HashSet<>()).add(record.dstPort);
        }
        return perWindow;
    }

    private static Set<String> hosts(String variant) {
        return BY_VARIANT.get(variant).stream().map(r -> r.dstAddr).collect(Collectors.toSet());
    }
}
