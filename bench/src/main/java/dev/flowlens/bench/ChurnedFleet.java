package dev.flowlens.bench;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fleet history for the index benchmarks: {@code addresses} task IPs, each held in turn by {@code holdsPerAddress}
 * tasks (the last still running), with cooldowns of seconds to minutes between holders: heavy IP reuse, as in a busy
 * awsvpc subnet. Also the probes a flow stream would make, with the true owner of each.
 */
public final class ChurnedFleet {
    /** Longer than the fleet's history: nothing expires while it is measured. */
    static final long RETENTION_MILLIS = 365L * 86_400_000L;

    public static final long T0 = 1_700_000_000_000L;
    private static final String ACCOUNT = "123456789012";

    public final List<TaskState> tasks;
    /** Probes: address (as int), time (epoch millis), and the true owner's task id (or null). */
    public final int[] probeAddress;
    public final long[] probeTime;
    public final String[] probeTruth;
    public final String[] probeText;
    public final long horizon;

    private ChurnedFleet(List<TaskState> tasks, int[] probeAddress, long[] probeTime, String[] probeTruth,
            String[] probeText, long horizon) {
        this.tasks = tasks;
        this.probeAddress = probeAddress;
        this.probeTime = probeTime;
        this.probeTruth = probeTruth;
        this.probeText = probeText;
        this.horizon = horizon;
    }

    public static ChurnedFleet generate(int addresses, int holdsPerAddress, int probes, long seed) {
        Random random = new Random(seed);
        String[] services = new String[200];
        for (int i = 0; i < services.length; i++) {
            services[i] = "svc-" + i;
        }
        String cluster = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/prod";
        List<String> groups = List.of("sg-0a1b2c3d4e5f60718");
        List<TaskState> tasks = new ArrayList<>(addresses * holdsPerAddress);
        long[][] from = new long[addresses][holdsPerAddress];
        long[][] until = new long[addresses][holdsPerAddress];
        String[][] owner = new String[addresses][holdsPerAddress];
        long horizon = T0;
        int serial = 0;
        for (int a = 0; a < addresses; a++) {
            String ip = text(address(a));
            long t = T0 + random.nextInt(600_000);
            for (int h = 0; h < holdsPerAddress; h++) {
                boolean live = h == holdsPerAddress - 1;
                long lifetime = 60_000L + random.nextInt(3_600_000);
                TaskIdentity task = new TaskIdentity();
                task.accountId = ACCOUNT;
                task.region = "us-east-1";
                task.clusterArn = cluster;
                task.clusterName = "prod";
                String service = services[random.nextInt(services.length)];
                task.serviceName = service;
                task.group = "service:" + service;
                task.taskId = String.format("%032x", serial++);
                task.taskArn = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/prod/" + task.taskId;
                task.taskDefinition = service + ":1";
                task.launchType = "FARGATE";
                task.availabilityZone = "us-east-1a";
                task.subnetId = "subnet-0a1b2c3d";
                task.eniId = String.format("eni-%017x", serial);
                task.privateIpv4 = ip;
                task.securityGroups = groups;
                task.interfaceType = "interface";
                task.createdAt = t;
                task.startedAt = t + 15_000;
                task.stoppedAt = live ? null : t + lifetime;
                from[a][h] = t;
                until[a][h] = live ? Long.MAX_VALUE : t + lifetime;
                owner[a][h] = task.taskId;
                tasks.add(TaskState.of(task, live ? 3 : 6, live ? "RUNNING" : "STOPPED", t + lifetime));
                t += lifetime + 1_000 + random.nextInt(120_000); // cooldown before the IP is reused
            }
            horizon = Math.max(horizon, t);
        }
        int[] probeAddress = new int[probes];
        long[] probeTime = new long[probes];
        String[] probeTruth = new String[probes];
        String[] probeText = new String[probes];
        for (int p = 0; p < probes; p++) {
            int a = random.nextInt(addresses);
            int h = random.nextInt(holdsPerAddress);
            boolean inside = random.nextInt(10) != 0; // one probe in ten falls in a cooldown gap or after a stop
            long start = from[a][h];
            long end = until[a][h] == Long.MAX_VALUE ? horizon : until[a][h];
            long at = inside ? start + (long) (random.nextDouble() * (end - start)) : end + random.nextInt(1_000);
            probeAddress[p] = address(a);
            probeTime[p] = at;
            probeText[p] = text(address(a));
            probeTruth[p] = null;
            for (int k = 0; k < holdsPerAddress; k++) {
                if (from[a][k] <= at && at < until[a][k]) {
                    probeTruth[p] = owner[a][k];
                }
            }
        }
        return new ChurnedFleet(tasks, probeAddress, probeTime, probeTruth, probeText, horizon);
    }

    public AttributionIndex index() {
        AttributionIndex index = new AttributionIndex(RETENTION_MILLIS);
        for (TaskState task : tasks) {
            index.apply(task);
        }
        index.advanceKnownUntil(horizon);
        return index;
    }

    /** The naive join: the last task seen with each IP, whatever the time. */
    public Map<String, TaskIdentity> naiveIpMap() {
        Map<String, TaskIdentity> byIp = new HashMap<>();
        for (TaskState task : tasks) {
            byIp.put(task.identity.privateIpv4, task.identity);
        }
        return byIp;
    }

    static int address(int index) {
        return (10 << 24) | (index + 256); // 10.0.1.0 onwards: a /12's worth of task IPs
    }

    static String text(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }
}
