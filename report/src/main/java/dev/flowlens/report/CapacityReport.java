package dev.flowlens.report;

import dev.flowlens.report.CapacityInputs.ContainerInstance;
import dev.flowlens.report.CapacityInputs.Eni;
import dev.flowlens.report.CapacityInputs.InstanceType;
import dev.flowlens.report.CapacityInputs.InvalidExportException;
import dev.flowlens.report.CapacityInputs.Subnet;
import dev.flowlens.report.CapacityInputs.TaskSpan;
import dev.flowlens.schemas.usage.InstanceEniDensity;
import dev.flowlens.schemas.usage.SubnetCapacity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capacity report of a period, computed from {@link CapacityInputs}: per task subnet, the addresses in use over
 * time (each task address once, however many tasks claimed it in turn, plus every other ENI of the subnet the ENI
 * export lists, from its attachment on), its peak, its usable size and the days to exhaustion at the trend of its
 * hourly peaks; per container instance, the peak of concurrent awsvpc tasks against the ENI limit without trunking and
 * the branch-ENI limit with it, and the peak CPU and memory reserved. A task's span is {@code [createdAt, stoppedAt)}
 * from its events; a task without a STOPPED event holds on to the period's end.
 *
 * @param period the period
 * @param step the seconds of each point of {@link #subnetSeries}
 * @param subnets one row per task subnet, in the subnet export's order
 * @param instances one row per container instance, in the container-instance export's order
 * @param subnetSeries per subnet, the peak of addresses in use in each {@code step} from the period's start
 * @param coverage what was read and what was left out
 */
public record CapacityReport(Period period, long step, List<SubnetCapacity> subnets,
        List<InstanceEniDensity> instances, Map<String, long[]> subnetSeries, Coverage coverage) {
    /** The seconds of an hour: the trend is a least-squares line through the hourly peaks. */
    static final long HOUR = 3600;

    /**
     * What was counted and left out.
     *
     * @param tasks tasks in the events (ECS Task State Change events with a creation time)
     * @param awsvpcTasks those with an ENI in a subnet (the events name it)
     * @param otherEnis ENIs of the task subnets that no task event names (load balancers, NAT gateways, endpoints,
     *     trunk ENIs, tasks whose events were lost), counted from their attachment
     * @param tasksInUnknownSubnets awsvpc tasks in a subnet the subnet export does not list: left out
     * @param tasksOnUnknownInstances tasks on a container instance the export does not list: left out
     * @param tasksWithoutSize EC2 tasks whose events give no CPU or memory size: not in the reserved shares
     * @param otherEvents event lines of other detail types, skipped
     */
    public record Coverage(long tasks, long awsvpcTasks, long otherEnis, long tasksInUnknownSubnets,
            long tasksOnUnknownInstances, long tasksWithoutSize, long otherEvents) {}

    /** The seconds of a chart point for a period: a minute for up to 12 hours, then a 720th of the period. */
    static long chartStep(Period period) {
        long step = (period.end() - period.start() + 719) / 720;
        return Math.max(60, (step + 59) / 60 * 60);
    }

    public static CapacityReport compute(CapacityInputs in, Period period, TrunkingLimits limits)
            throws InvalidExportException {
        long start = period.start();
        long end = period.end();
        long step = chartStep(period);
        Set<String> taskEnis = new HashSet<>();
        Map<String, List<TaskSpan>> bySubnet = new LinkedHashMap<>();
        Map<String, List<TaskSpan>> byInstance = new HashMap<>();
        long awsvpc = 0;
        for (TaskSpan task : in.tasks) {
            if (task.eniId() != null) {
                taskEnis.add(task.eniId());
            }
            if (task.subnetId() != null) {
                awsvpc++;
                bySubnet.computeIfAbsent(task.subnetId(), k -> new ArrayList<>()).add(task);
            }
            if (task.containerInstanceArn() != null) {
                byInstance.computeIfAbsent(task.containerInstanceArn(), k -> new ArrayList<>()).add(task);
            }
        }
        Set<String> exported = new HashSet<>();
        List<SubnetCapacity> subnetRows = new ArrayList<>();
        Map<String, long[]> series = new LinkedHashMap<>();
        long otherEnis = 0;
        for (Subnet subnet : in.subnets) {
            exported.add(subnet.id());
            List<TaskSpan> tasks = bySubnet.get(subnet.id());
            if (tasks == null) {
                continue; // not a task subnet
            }
            Occupancy inUse = new Occupancy();
            addresses(tasks, inUse);
            for (Eni eni : in.networkInterfaces) {
                if (eni.subnetId().equals(subnet.id()) && !taskEnis.contains(eni.id())) {
                    inUse.add(eni.attachedAt() == null ? Long.MIN_VALUE : eni.attachedAt(), Long.MAX_VALUE,
                            eni.addresses());
                    otherEnis++;
                }
            }
            SubnetCapacity row = new SubnetCapacity();
            row.periodStart = start;
            row.periodEnd = end;
            row.accountId = subnet.ownerId() != null ? subnet.ownerId() : tasks.get(0).accountId();
            row.vpcId = subnet.vpcId();
            row.subnetId = subnet.id();
            row.availabilityZone = subnet.availabilityZone();
            row.cidr = subnet.cidr();
            row.usableAddresses = SubnetCapacity.usableAddresses(CapacityInputs.prefix(subnet.cidr(),
                    "--subnets " + subnet.id()));
            row.peakInUse = inUse.peak(start, end);
            row.daysToExhaustion = daysToExhaustion(inUse.peaks(start, end, HOUR), row.usableAddresses);
            subnetRows.add(row);
            series.put(subnet.id(), inUse.peaks(start, end, step));
        }
        long unknownSubnets = 0;
        for (Map.Entry<String, List<TaskSpan>> subnet : bySubnet.entrySet()) {
            if (!exported.contains(subnet.getKey())) {
                unknownSubnets += subnet.getValue().size();
            }
        }
        Map<String, InstanceType> types = new HashMap<>();
        for (InstanceType type : in.instanceTypes) {
            types.put(type.name(), type);
        }
        List<InstanceEniDensity> instanceRows = new ArrayList<>();
        Set<String> known = new HashSet<>();
        long withoutSize = 0;
        for (ContainerInstance instance : in.containerInstances) {
            known.add(instance.arn());
            InstanceType type = types.get(instance.instanceType());
            if (type == null) {
                throw new InvalidExportException("the container instance " + instance.arn() + " is a "
                        + instance.instanceType() + ", which --instance-types does not describe: export it too (aws"
                        + " ec2 describe-instance-types --instance-types " + instance.instanceType() + ")");
            }
            Occupancy tasks = new Occupancy();
            Occupancy cpu = new Occupancy();
            Occupancy memory = new Occupancy();
            List<TaskSpan> on = byInstance.getOrDefault(instance.arn(), List.of());
            for (TaskSpan task : on) {
                long until = task.stoppedAt() == null ? Long.MAX_VALUE : task.stoppedAt();
                if (task.eniId() != null || task.address() != null) {
                    tasks.add(task.createdAt(), until, 1);
                }
                if (task.cpu() == null || task.memory() == null) {
                    withoutSize++;
                }
                cpu.add(task.createdAt(), until, task.cpu() == null ? 0 : task.cpu());
                memory.add(task.createdAt(), until, task.memory() == null ? 0 : task.memory());
            }
            InstanceEniDensity row = new InstanceEniDensity();
            row.periodStart = start;
            row.periodEnd = end;
            row.accountId = CapacityInputs.arnAccount(instance.arn());
            String cluster = CapacityInputs.containerInstanceCluster(instance.arn());
            row.cluster = cluster != null ? cluster : on.isEmpty() ? null : on.get(0).cluster();
            row.containerInstanceArn = instance.arn();
            row.instanceId = instance.instanceId();
            row.instanceType = instance.instanceType();
            row.trunking = instance.trunking();
            row.eniTaskLimit = type.maximumNetworkInterfaces() - 1;
            row.branchEniLimit = limits.branchEniLimit(instance.instanceType());
            row.peakAwsvpcTasks = (int) tasks.peak(start, end);
            row.peakCpuReserved = share(cpu.peak(start, end), instance.registeredCpu());
            row.peakMemoryReserved = share(memory.peak(start, end), instance.registeredMemory());
            instanceRows.add(row);
        }
        long unknownInstances = 0;
        for (Map.Entry<String, List<TaskSpan>> instance : byInstance.entrySet()) {
            if (!known.contains(instance.getKey())) {
                unknownInstances += instance.getValue().size();
            }
        }
        return new CapacityReport(period, step, subnetRows, instanceRows, series,
                new Coverage(in.tasks.size(), awsvpc, otherEnis, unknownSubnets, unknownInstances, withoutSize,
                        in.otherEvents));
    }

    /**
     * Each address of the subnet's tasks once: the union of the spans of the tasks that held it (ECS may create the
     * next owner while the previous one still stops), so a reused address is not counted twice.
     */
    private static void addresses(List<TaskSpan> tasks, Occupancy inUse) {
        Map<String, List<long[]>> byAddress = new HashMap<>();
        for (TaskSpan task : tasks) {
            String key = task.address() != null ? task.address() : task.eniId() != null ? task.eniId()
                    : task.taskArn();
            long until = task.stoppedAt() == null ? Long.MAX_VALUE : task.stoppedAt();
            byAddress.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {task.createdAt(), until});
        }
        for (List<long[]> spans : byAddress.values()) {
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            long from = spans.get(0)[0];
            long until = spans.get(0)[1];
            for (long[] span : spans.subList(1, spans.size())) {
                if (span[0] <= until) {
                    until = Math.max(until, span[1]);
                } else {
                    inUse.add(from, until, 1);
                    from = span[0];
                    until = span[1];
                }
            }
            inUse.add(from, until, 1);
        }
    }

    /**
     * Days until the subnet has no address left, at the least-squares slope of its hourly peaks, from the line's
     * value in the last hour; {@code null} with fewer than two hours or when the slope is not positive. Two decimals.
     */
    static Double daysToExhaustion(long[] hourlyPeaks, long usable) {
        int n = hourlyPeaks.length;
        if (n < 2) {
            return null;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (long peak : hourlyPeaks) {
            meanY += peak;
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int x = 0; x < n; x++) {
            sxy += (x - meanX) * (hourlyPeaks[x] - meanY);
            sxx += (x - meanX) * (x - meanX);
        }
        double slope = sxy / sxx; // addresses per hour
        if (!(slope > 0)) {
            return null;
        }
        double last = meanY + slope * (n - 1 - meanX);
        double days = Math.max(0, usable - last) / slope / 24;
        return BigDecimal.valueOf(days).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code part / whole}, four decimals. */
    static double share(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
