package dev.flowlens.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The EC2 container instances of the fleet, with their instance types, and which tasks ran on each. The trunked
 * services' tasks already run on the trunk ENIs of {@link Fleet#trunkEnis} (four instances per AZ, trunking on); the
 * services {@link SimConfig#untrunkedEc2Share} picks run on instances without trunking, one ENI per task, placed as
 * ECS's binpack strategy would: on the first instance of the task's AZ with a free ENI, CPU and memory for the
 * task's whole life, else on a new instance. Every task gets a CPU and memory reservation (its service's). Draws from
 * its own random numbers, so the fleet's history, and so the flows, are the same with or without it.
 */
final class ContainerInstances {
    /** What the simulator knows of an EC2 instance type, as {@code DescribeInstanceTypes} and the ECS table give it. */
    record InstanceType(String name, int vcpus, int memoryMib, int maximumNetworkInterfaces,
            int ipv4AddressesPerInterface, int branchEniLimit) {
        /** CPU units ECS registers: 1,024 per vCPU. */
        int registeredCpu() {
            return vcpus * 1024;
        }

        /** Memory ECS registers: the instance's less what the operating system and the agent keep (a sixteenth). */
        int registeredMemory() {
            return memoryMib - memoryMib / 16;
        }

        /** awsvpc tasks without trunking: one ENI each, beside the primary one. */
        int eniTaskLimit() {
            return maximumNetworkInterfaces - 1;
        }
    }

    /**
     * The types the fleet uses. ENI and address counts are EC2's ({@code describe-instance-types}); the branch-ENI
     * limits are those of the ECS table Flowlens ships ({@code report}'s {@code ecs-trunking-limits.csv}).
     */
    static final List<InstanceType> TYPES = List.of(
            new InstanceType("c5.large", 2, 4096, 3, 10, 10),
            new InstanceType("m5.xlarge", 4, 16384, 4, 15, 20),
            new InstanceType("c5.2xlarge", 8, 16384, 4, 15, 40));

    /** One container instance. */
    static final class Instance {
        final String arn;
        final String instanceId;
        final InstanceType type;
        final boolean trunking;
        /** Its trunk ENI, with trunking; else {@code null}. */
        final String trunkEniId;
        final int az;
        final String cluster;
        final List<SimTask> tasks = new ArrayList<>();

        Instance(String arn, String instanceId, InstanceType type, boolean trunking, String trunkEniId, int az,
                String cluster) {
            this.arn = arn;
            this.instanceId = instanceId;
            this.type = type;
            this.trunking = trunking;
            this.trunkEniId = trunkEniId;
            this.az = az;
            this.cluster = cluster;
        }

        /** The task limit in effect: the branch-ENI limit with trunking, else the ENI limit less the primary ENI. */
        int taskLimit() {
            return trunking ? type.branchEniLimit() : type.eniTaskLimit();
        }

        /** Whether {@code task} fits beside the tasks already placed, at every moment of its life. */
        boolean fits(SimTask task) {
            long from = task.reportedCreatedAt;
            long until = task.stoppedAt < 0 ? Long.MAX_VALUE : task.stoppedAt;
            List<Long> moments = new ArrayList<>();
            moments.add(from);
            for (SimTask other : tasks) {
                if (other.reportedCreatedAt > from && other.reportedCreatedAt < until) {
                    moments.add(other.reportedCreatedAt);
                }
            }
            for (long t : moments) {
                int count = 1;
                int cpu = task.cpu;
                int memory = task.memory;
                for (SimTask other : tasks) {
                    if (other.reportedCreatedAt <= t && (other.stoppedAt < 0 || t < other.stoppedAt)) {
                        count++;
                        cpu += other.cpu;
                        memory += other.memory;
                    }
                }
                if (count > taskLimit() || cpu > type.registeredCpu() || memory > type.registeredMemory()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Every instance: the trunking ones (one per trunk ENI), then the untrunked ones in the order they were added. */
    final List<Instance> instances = new ArrayList<>();
    /** The services that run on instances without trunking. */
    final boolean[] untrunked;

    ContainerInstances(Simulation sim, Random random) {
        Fleet fleet = sim.fleet;
        SimConfig config = sim.config;
        String arnBase = "arn:aws:ecs:" + config.region() + ":" + config.accountId() + ":container-instance/prod/";
        int services = fleet.serviceNames.length;
        int[][] sizes = new int[services + 1][]; // the last: standalone tasks
        for (int s = 0; s <= services; s++) {
            sizes[s] = new int[] {random.nextBoolean() ? 256 : 512, random.nextBoolean() ? 512 : 1024};
        }
        untrunked = new boolean[services];
        for (int s = 0; s < services; s++) {
            untrunked[s] = !fleet.trunked[s] && random.nextDouble() < config.untrunkedEc2Share();
        }
        for (SimTask task : fleet.tasks) {
            int s = task.standalone ? -1 : fleet.serviceIndex(task.service);
            int[] size = sizes[s < 0 ? services : s];
            task.cpu = size[0];
            task.memory = size[1];
        }
        // trunking instances: the smallest type (of a random order's first fits) that holds the tasks ECS put there
        for (int az = 0; az < fleet.trunkEnis.length; az++) {
            for (String trunk : fleet.trunkEnis[az]) {
                List<SimTask> on = new ArrayList<>();
                for (SimTask task : fleet.tasks) {
                    if (trunk.equals(task.trunkEniId)) {
                        on.add(task);
                    }
                }
                List<InstanceType> order = new ArrayList<>(TYPES);
                java.util.Collections.shuffle(order, random);
                Instance placed = null;
                for (InstanceType type : order) {
                    Instance candidate = new Instance(arnBase + trunk.substring(4), "i-0" + trunk.substring(5, 21),
                            type, true, trunk, az, "prod");
                    if (holdsAll(candidate, on)) {
                        placed = candidate;
                        break;
                    }
                }
                if (placed == null) { // a scenario denser than any type: the largest, over its limits (the
                    // history is the fleet's, drawn before the instances; the report then shows the excess)
                    placed = new Instance(arnBase + trunk.substring(4), "i-0" + trunk.substring(5, 21),
                            TYPES.get(TYPES.size() - 1), true, trunk, az, "prod");
                }
                placed.tasks.addAll(on);
                for (SimTask task : on) {
                    task.instance = placed;
                }
                instances.add(placed);
            }
        }
        // untrunked instances: binpack in launch order, a new instance when none in the AZ has room
        List<List<Instance>> perAz = new ArrayList<>();
        for (int az = 0; az < 3; az++) {
            perAz.add(new ArrayList<>());
        }
        for (SimTask task : fleet.tasks) {
            if (task.standalone || !untrunked[fleet.serviceIndex(task.service)]) {
                continue;
            }
            Instance home = null;
            for (Instance instance : perAz.get(task.az)) {
                if (instance.fits(task)) {
                    home = instance;
                    break;
                }
            }
            if (home == null) {
                InstanceType type = TYPES.get(random.nextInt(2)); // c5.large or m5.xlarge
                String id = String.format("%016x%016x", random.nextLong(), random.nextLong()); // 32 hex digits
                home = new Instance(arnBase + id, String.format("i-0%016x", random.nextLong() & 0xffffffffffffffL),
                        type, false, null, task.az, "prod");
                perAz.get(task.az).add(home);
                instances.add(home);
            }
            home.tasks.add(task);
            task.instance = home;
        }
    }

    private static boolean holdsAll(Instance candidate, List<SimTask> tasks) {
        for (SimTask task : tasks) {
            if (!candidate.fits(task)) {
                candidate.tasks.clear();
                return false;
            }
            candidate.tasks.add(task);
        }
        candidate.tasks.clear();
        return true;
    }
}
