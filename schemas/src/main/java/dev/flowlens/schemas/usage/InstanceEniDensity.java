package dev.flowlens.schemas.usage;

/**
 * One row of the capacity report: how many awsvpc tasks a container instance ran at once over a period, against the
 * limit its ENIs set, and whether ENIs rather than CPU or memory bounded it. Documented in {@code schemas/usage.md}.
 * A Flink POJO.
 */
public class InstanceEniDensity {
    /** Period start, epoch seconds (inclusive). */
    public long periodStart;
    /** Period end, epoch seconds (exclusive). */
    public long periodEnd;
    public String accountId;
    /** ECS cluster name. */
    public String cluster;
    public String containerInstanceArn;
    /** The EC2 instance ID. */
    public String instanceId;
    /** The EC2 instance type ({@code c5.large}). */
    public String instanceType;
    /** ENI trunking is on for the instance: its tasks get branch ENIs. */
    public boolean trunking;
    /** awsvpc tasks without trunking: the type's ENI limit less the primary ENI. */
    public int eniTaskLimit;
    /** awsvpc tasks with trunking: the type's branch-ENI limit; {@code null} when the type does not support it. */
    public Integer branchEniLimit;
    /** The most awsvpc tasks that ran on the instance at once during the period. */
    public int peakAwsvpcTasks;
    /** The highest share (0 to 1) of the instance's CPU reserved by tasks during the period. */
    public double peakCpuReserved;
    /** The highest share (0 to 1) of the instance's memory reserved by tasks during the period. */
    public double peakMemoryReserved;

    public InstanceEniDensity() {}

    /** The awsvpc-task limit in effect: the branch-ENI limit when trunking is on (and supported), else the ENI one. */
    public int taskLimit() {
        return trunking && branchEniLimit != null ? branchEniLimit : eniTaskLimit;
    }

    /** ENIs bounded the instance: it reached its awsvpc-task limit while CPU and memory were not fully reserved. */
    public boolean eniBound() {
        return peakAwsvpcTasks >= taskLimit() && peakCpuReserved < 1 && peakMemoryReserved < 1;
    }
}
