package dev.flowlens.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fleet's history: every task with its address and lifetime, built minute by minute with deployments, crashes,
 * scaling and standalone tasks. Addresses come from per-AZ subnet pools; a released address cools down for
 * {@code reuseCooldownSeconds} and is then preferred for the next task, so the same IP serves different services
 * within minutes, as in a busy awsvpc subnet. No address is ever held by two tasks at once.
 */
final class Fleet {
    static final String VPC_CIDR = "10.0.0.0/16";
    /** In the VPC, never a task: load balancers and a custom DNS resolver. */
    static final String[] LOAD_BALANCERS = {"10.0.250.10", "10.0.250.11", "10.0.250.12"};
    static final String RESOLVER = "10.0.250.53";

    final SimConfig config;
    final List<SimTask> tasks = new ArrayList<>();
    final String[] serviceNames;
    final int[][] downstream;
    final boolean[] trunked;
    final String[][] trunkEnis;
    /** Each service's awsvpc security groups (one to three, some shared across services), and standalone tasks'. */
    final List<List<String>> serviceGroups = new ArrayList<>();
    final List<String> standaloneGroups;
    /** Every security group's name, by id, in creation order. */
    final java.util.Map<String, String> groupNames = new java.util.LinkedHashMap<>();
    private final Random random;
    private final List<Pool> pools = new ArrayList<>();
    private final Set<String> everHeld = new HashSet<>();
    private int serial;

    Fleet(SimConfig config, Random random) {
        this.config = config;
        this.random = random;
        int n = config.services();
        String[] names = {"web", "api", "checkout", "payments", "catalog", "search", "auth", "cart", "inventory",
            "mailer", "reports", "images", "ledger", "pricing", "reviews", "shipping"};
        serviceNames = new String[n];
        downstream = new int[n][];
        trunked = new boolean[n];
        for (int s = 0; s < n; s++) {
            serviceNames[s] = s < names.length ? names[s] : "svc" + s;
            trunked[s] = s > 1 && random.nextDouble() < config.trunkedShare();
            // a layered dependency graph: services call one to three later services
            int calls = s == n - 1 ? 0 : 1 + random.nextInt(Math.min(3, n - 1 - s));
            downstream[s] = new int[calls];
            for (int c = 0; c < calls; c++) {
                downstream[s][c] = s + 1 + random.nextInt(n - 1 - s);
            }
        }
        // groups come from their own generator, so the fleet's history is the same with or without them
        Random groups = new Random(config.seed() * 7_919L + 17);
        String egress = group(groups, "common-egress");
        String internal = group(groups, "internal-callers");
        for (int s = 0; s < n; s++) {
            List<String> of = new ArrayList<>();
            of.add(group(groups, serviceNames[s] + "-sg"));
            if (groups.nextDouble() < 0.7) {
                of.add(egress);
            }
            if (s > 0 && groups.nextDouble() < 0.4) {
                of.add(internal);
            }
            serviceGroups.add(List.copyOf(of));
        }
        standaloneGroups = List.of(group(groups, "batch-jobs"), egress);
        trunkEnis = new String[3][4]; // per AZ, four trunked container instances
        for (int az = 0; az < 3; az++) {
            pools.add(new Pool(az, config.subnetPrefix()));
            for (int i = 0; i < 4; i++) {
                trunkEnis[az][i] = String.format("eni-0%016x", random.nextLong() & 0xffffffffffffffL);
            }
        }
    }

    private String group(Random groups, String name) {
        String id = String.format("sg-0%016x", groups.nextLong() & 0xffffffffffffffL);
        groupNames.put(id, name);
        return id;
    }

    static String subnetCidr(int az, int prefix) {
        return "10.0." + (az * 16) + ".0/" + prefix;
    }

    static String subnetId(int az) {
        return "subnet-0" + az + "a1b2c3d4e5f6a7b8"; // 17 hex digits, like AWS's
    }

    /** Builds the history: initial tasks, then every minute's churn. */
    void build() {
        long start = config.start().getEpochSecond();
        long end = start + config.durationMinutes() * 60L;
        for (int s = 0; s < serviceNames.length; s++) {
            int count = config.minTasks() + random.nextInt(config.maxTasks() - config.minTasks() + 1);
            for (int i = 0; i < count; i++) {
                launch(s, start - 600 - random.nextInt(3600), false);
            }
        }
        // standalone tasks start at random minutes, spread over the run (in time order, like all launches)
        double standalonePerMinute = (double) config.standaloneTasks() / config.durationMinutes();
        for (long minute = start; minute < end; minute += 60) {
            if (random.nextDouble() < standalonePerMinute) {
                long at = minute + random.nextInt(60);
                stop(launch(-1, at, true), at + 120 + random.nextInt(480));
            }
            if (random.nextDouble() < config.deploymentsPerHour() / 60) {
                deploy(random.nextInt(serviceNames.length), minute);
            }
            int crashes = poisson(config.crashesPerHour() / 60);
            for (int c = 0; c < crashes; c++) {
                List<SimTask> live = running(minute);
                if (!live.isEmpty()) {
                    SimTask victim = live.get(random.nextInt(live.size()));
                    long at = minute + random.nextInt(60);
                    stop(victim, at);
                    if (!victim.standalone) {
                        launch(serviceIndex(victim.service), at + 5 + random.nextInt(20), false);
                    }
                }
            }
            if (random.nextDouble() < 0.1) { // scale out or in by two, within the service's bounds
                int s = random.nextInt(serviceNames.length);
                List<SimTask> of = runningOf(s, minute);
                if (random.nextBoolean() && of.size() + 2 <= config.maxTasks()) {
                    launch(s, minute + random.nextInt(60), false);
                    launch(s, minute + random.nextInt(60), false);
                } else {
                    for (int i = 0; i < 2 && of.size() - i > config.minTasks(); i++) {
                        stop(of.get(i), minute + random.nextInt(60));
                    }
                }
            }
        }
    }

    /**
     * Makes some reused addresses' next owners created before the previous owner stopped, as in ECS: a task is
     * created (its {@code createdAt}) and waits in PROVISIONING while the stopping task still holds the address it
     * will get; it gets the address the moment that owner frees it ({@code holdsFrom}) and sends traffic from its
     * {@code createdAt} as before, so the flows are unchanged; its reported {@code createdAt} moves earlier. Draws from its own random numbers, so the rest of the history is as before.
     */
    void overlapClaims(Random random) {
        java.util.Map<String, List<SimTask>> byAddress = new java.util.HashMap<>();
        for (SimTask task : tasks) {
            byAddress.computeIfAbsent(task.ip, k -> new ArrayList<>()).add(task);
        }
        for (SimTask task : tasks) { // in launch order, so the draws are deterministic
            List<SimTask> holders = byAddress.get(task.ip);
            SimTask previous = null;
            for (SimTask other : holders) {
                if (other != task && other.stoppedAt >= 0 && other.stoppedAt <= task.createdAt
                        && (previous == null || other.stoppedAt > previous.stoppedAt)) {
                    previous = other;
                }
            }
            if (previous != null && random.nextDouble() < OVERLAP_SHARE) {
                task.reportedCreatedAt = Math.max(previous.createdAt + 1, previous.stoppedAt - 1 - random.nextInt(90));
                task.overlapsPrevious = true;
                task.holdsFrom = previous.stoppedAt;
                previous.overlappedByNext = true;
            }
        }
    }

    /** Share of reused addresses whose next owner is created before the previous owner stopped. */
    static final double OVERLAP_SHARE = 0.5;

    private void deploy(int service, long at) {
        for (SimTask old : runningOf(service, at)) {
            long stopAt = at + 30 + random.nextInt(180);
            launch(service, stopAt - 25, false); // the replacement starts before the old task drains
            stop(old, stopAt);
        }
    }

    SimTask launch(int service, long at, boolean standalone) {
        int az = random.nextInt(3);
        Pool pool = pools.get(az);
        String ip = pool.acquire(at);
        if (ip == null) { // this AZ is full: try the others
            for (int other = 0; other < 3 && ip == null; other++) {
                az = other;
                ip = pools.get(other).acquire(at);
            }
            if (ip == null) {
                throw new IllegalStateException("all task subnets are full: use a shorter subnetPrefix");
            }
        }
        boolean reused = !everHeld.add(ip);
        String id = String.format("%032x", (long) config.seed() * 1_000_003 + serial++).substring(0, 32);
        String eni = String.format("eni-0%016x", random.nextLong() & 0xffffffffffffffL);
        boolean isTrunked = service >= 0 && trunked[service];
        String trunk = isTrunked ? trunkEnis[az][random.nextInt(4)] : null;
        String name = service >= 0 ? serviceNames[service] : "batch-" + (serial % 3);
        SimTask task = new SimTask(id, name, standalone, az, ip, eni, trunk, at, reused);
        task.securityGroups = service >= 0 ? serviceGroups.get(service) : standaloneGroups;
        tasks.add(task);
        return task;
    }

    void stop(SimTask task, long at) {
        if (task.stoppedAt >= 0) {
            return;
        }
        task.stoppedAt = Math.max(at, task.createdAt + 1);
        pools.get(task.az).release(task.ip, task.stoppedAt + config.reuseCooldownSeconds());
    }

    /** Tasks that hold their address through all of {@code [from, until)}. */
    List<SimTask> liveThrough(long from, long until) {
        List<SimTask> live = new ArrayList<>();
        for (SimTask task : tasks) {
            if (task.createdAt <= from && (task.stoppedAt < 0 || task.stoppedAt >= until)) {
                live.add(task);
            }
        }
        return live;
    }

    /** The task that held {@code ip} at {@code t}, or {@code null}. */
    SimTask ownerAt(String ip, long t) {
        if (byIp == null) {
            byIp = new java.util.HashMap<>();
            for (SimTask task : tasks) {
                byIp.computeIfAbsent(task.ip, k -> new ArrayList<>()).add(task);
            }
        }
        for (SimTask task : byIp.getOrDefault(ip, List.of())) {
            if (task.holdsAt(t)) {
                return task;
            }
        }
        return null;
    }

    private java.util.Map<String, List<SimTask>> byIp;

    /** Tasks live at {@code t} and not already scheduled to stop: the ones churn may still act on. */
    private List<SimTask> running(long t) {
        List<SimTask> running = new ArrayList<>();
        for (SimTask task : tasks) {
            if (task.createdAt <= t && task.stoppedAt < 0) {
                running.add(task);
            }
        }
        return running;
    }

    private List<SimTask> runningOf(int service, long t) {
        List<SimTask> running = new ArrayList<>();
        for (SimTask task : running(t)) {
            if (!task.standalone && task.service.equals(serviceNames[service])) {
                running.add(task);
            }
        }
        return running;
    }

    List<SimTask> live(long t) {
        List<SimTask> live = new ArrayList<>();
        for (SimTask task : tasks) {
            if (task.liveAt(t)) {
                live.add(task);
            }
        }
        return live;
    }

    List<SimTask> liveOf(int service, long t) {
        List<SimTask> live = new ArrayList<>();
        for (SimTask task : tasks) {
            if (!task.standalone && task.service.equals(serviceNames[service]) && task.liveAt(t)) {
                live.add(task);
            }
        }
        return live;
    }

    int serviceIndex(String name) {
        for (int s = 0; s < serviceNames.length; s++) {
            if (serviceNames[s].equals(name)) {
                return s;
            }
        }
        return -1;
    }

    /** An address in a task subnet that no task ever held (for the unknown-workload incident). */
    String neverHeldAddress() {
        Pool pool = pools.get(2);
        for (int i = pool.size - 1; i > 0; i--) {
            String ip = pool.address(i);
            if (!everHeld.contains(ip)) {
                return ip;
            }
        }
        return "10.0.47.254";
    }

    /**
     * The highest address of AZ {@code az}'s task subnet that a task could hold (not one AWS reserves) but none ever
     * did, or {@code null} if every one was held.
     */
    String neverHeldAssignableAddress(int az) {
        Pool pool = pools.get(az);
        for (int i = pool.size - 2; i >= 4; i--) {
            String ip = pool.address(i);
            if (!everHeld.contains(ip)) {
                return ip;
            }
        }
        return null;
    }

    /** The address at {@code offset} in AZ {@code az}'s task subnet. */
    static String subnetAddress(int az, int offset) {
        int base = az * 16 * 256 + offset;
        return "10.0." + (base >>> 8) + "." + (base & 255);
    }

    /** How many addresses AZ subnets hold (a power of two; AWS reserves the first four and the last). */
    int subnetSize() {
        return 1 << (32 - config.subnetPrefix());
    }

    private int poisson(double mean) {
        int k = 0;
        double p = Math.exp(-mean);
        double sum = p;
        double u = random.nextDouble();
        while (u > sum && k < 50) {
            k++;
            p *= mean / k;
            sum += p;
        }
        return k;
    }

    /** One AZ's subnet: AWS reserves the first four addresses and the last one. */
    private final class Pool {
        final int az;
        final int size;
        final Deque<String> free = new ArrayDeque<>();
        /** Released addresses and the time they may be handed out again, in release order. */
        final Deque<Object[]> cooling = new ArrayDeque<>();

        Pool(int az, int prefix) {
            this.az = az;
            this.size = 1 << (32 - prefix);
            List<String> addresses = new ArrayList<>();
            for (int i = 4; i < size - 1; i++) {
                addresses.add(address(i));
            }
            java.util.Collections.shuffle(addresses, random);
            free.addAll(addresses);
        }

        String address(int offset) {
            int base = az * 16 * 256 + offset;
            return "10.0." + (base >>> 8) + "." + (base & 255);
        }

        /** An address free at {@code t}: a cooled-down released one first (so reuse is quick), else a fresh one. */
        String acquire(long t) {
            Object[] oldest = cooling.peekFirst();
            if (oldest != null && (long) oldest[1] <= t && random.nextDouble() < 0.8) {
                cooling.pollFirst();
                return (String) oldest[0];
            }
            if (!free.isEmpty()) {
                return free.pollFirst();
            }
            if (oldest != null && (long) oldest[1] <= t) {
                cooling.pollFirst();
                return (String) oldest[0];
            }
            return null;
        }

        void release(String ip, long availableAt) {
            // releases come in any time order (stops are scheduled ahead): keep the queue ordered
            List<Object[]> later = new ArrayList<>();
            while (!cooling.isEmpty() && (long) cooling.peekLast()[1] > availableAt) {
                later.add(0, cooling.pollLast());
            }
            cooling.addLast(new Object[] {ip, availableAt});
            cooling.addAll(later);
        }
    }
}
