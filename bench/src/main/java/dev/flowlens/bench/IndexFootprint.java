package dev.flowlens.bench;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints, side by side on the same churned fleet as {@link IndexBenchmark}: how often the index and the naive
 * IP-only join name the true owner, and the index's heap per hold, measured as retained heap after full GCs. Run
 * with a heap that fits, e.g. {@code java -Xmx8g -cp bench/target/benchmarks.jar dev.flowlens.bench.IndexFootprint}.
 */
public final class IndexFootprint {
    public static void main(String[] args) {
        int addresses = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long beforeFleet = usedAfterGc();
        ChurnedFleet observationsOnly = ChurnedFleet.generate(addresses, 10, 0, 11);
        long observations = usedAfterGc() - beforeFleet;
        System.out.printf("observations as delivered (identities with all their strings): %.0f bytes/task%n",
                (double) observations / observationsOnly.tasks.size());
        observationsOnly = null;
        ChurnedFleet fleet = ChurnedFleet.generate(addresses, 10, 1 << 20, 11);

        AttributionIndex index = fleet.index();
        Map<String, TaskIdentity> naive = fleet.naiveIpMap();
        long indexRight = 0;
        long naiveRight = 0;
        int probes = fleet.probeTruth.length;
        for (int p = 0; p < probes; p++) {
            Lookup lookup = index.lookupIpv4(fleet.probeAddress[p], fleet.probeTime[p]);
            String found = lookup.isFound() ? lookup.task().taskId : null;
            indexRight += java.util.Objects.equals(found, fleet.probeTruth[p]) ? 1 : 0;
            naiveRight += java.util.Objects.equals(naive.get(fleet.probeText[p]).taskId, fleet.probeTruth[p]) ? 1 : 0;
        }
        System.out.printf("probes: %,d over %,d addresses, %,d tasks%n", probes, addresses, fleet.tasks.size());
        System.out.printf("index right: %.2f%%   naive IP-only join right: %.2f%% (wrong %.2f%%)%n",
                100.0 * indexRight / probes, 100.0 * naiveRight / probes, 100.0 * (probes - naiveRight) / probes);
        naive = null;
        index = null;

        long base = usedAfterGc();
        List<TaskState> copies = new ArrayList<>(fleet.tasks.size());
        for (TaskState task : fleet.tasks) {
            copies.add(TaskState.of(task.identity.copy(), task.version, task.lastStatus, task.observedAt));
        }
        long identities = usedAfterGc() - base;
        copies = null;
        base = usedAfterGc();
        AttributionIndex measured = fleet.index();
        long total = usedAfterGc() - base;
        int holds = measured.intervalCount();
        System.out.printf("holds: %,d (IPv4 and ENI), tasks: %,d%n", holds, measured.taskCount());
        System.out.printf("index total: %,d bytes = %.0f bytes/hold, %.0f bytes/task%n", total,
                (double) total / holds, (double) total / measured.taskCount());
        // the index keeps its own compact form of each task, not these copies: they are a yardstick only
        System.out.printf("a copy of each identity (without its strings) would be %.0f bytes/task%n",
                (double) identities / measured.taskCount());
        System.out.println("(the index's copies above share the fleet's strings, so their strings are not counted)");
        measured = null;

        // The index as a job holds it: every observation arrives with its own strings (deserialised events), the
        // observations are dropped once applied, and what stays is the index with every string it keeps.
        base = usedAfterGc();
        AttributionIndex held = new AttributionIndex(ChurnedFleet.RETENTION_MILLIS);
        for (TaskState task : fleet.tasks) {
            held.apply(delivered(task));
        }
        long probed = 0;
        for (int p = 0; p < probes; p++) { // lookups as attribution makes them: whatever they keep is counted too
            TaskIdentity task = held.lookupIpv4(fleet.probeAddress[p], fleet.probeTime[p]).task();
            probed += task == null ? 0 : task.taskArn.length();
        }
        long withStrings = usedAfterGc() - base;
        System.out.printf("index with identities and all their strings (observations with their own strings): "
                + "%,d bytes = %.0f bytes/hold, %.0f bytes/task%n", withStrings,
                (double) withStrings / held.intervalCount(), (double) withStrings / held.taskCount());
        held.taskCount(); // keeps the index reachable until measured
        System.out.println("(after " + probes + " lookups reading their identities; checksum " + probed + ")");
    }

    /** The observation with its own copy of every string, as one deserialised from an event or a page is. */
    private static TaskState delivered(TaskState state) {
        TaskState copy = state.copy();
        copy.lastStatus = fresh(copy.lastStatus);
        TaskIdentity t = copy.identity;
        t.accountId = fresh(t.accountId);
        t.region = fresh(t.region);
        t.clusterArn = fresh(t.clusterArn);
        t.clusterName = fresh(t.clusterName);
        t.serviceName = fresh(t.serviceName);
        t.group = fresh(t.group);
        t.taskArn = fresh(t.taskArn);
        t.taskId = fresh(t.taskId);
        t.taskDefinition = fresh(t.taskDefinition);
        t.taskDefinitionArn = fresh(t.taskDefinitionArn);
        t.launchType = fresh(t.launchType);
        t.capacityProvider = fresh(t.capacityProvider);
        t.containerInstanceArn = fresh(t.containerInstanceArn);
        t.availabilityZone = fresh(t.availabilityZone);
        t.subnetId = fresh(t.subnetId);
        t.eniId = fresh(t.eniId);
        t.macAddress = fresh(t.macAddress);
        t.privateIpv4 = fresh(t.privateIpv4);
        t.ipv6 = fresh(t.ipv6);
        t.interfaceType = fresh(t.interfaceType);
        t.createdAt = fresh(t.createdAt);
        t.startedAt = fresh(t.startedAt);
        t.stoppedAt = fresh(t.stoppedAt);
        if (t.securityGroups != null) {
            List<String> groups = new ArrayList<>(t.securityGroups.size());
            t.securityGroups.forEach(g -> groups.add(fresh(g)));
            t.securityGroups = groups;
        }
        return copy;
    }

    /** A deserialised time is its own boxed value (epoch millis are beyond {@code Long}'s small-value cache). */
    private static Long fresh(Long time) {
        return time == null ? null : Long.valueOf(time.longValue());
    }

    private static String fresh(String s) {
        return s == null ? null : new String(s.toCharArray()); // new String(s) would share its bytes
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
