package dev.flowlens.sim;

/** One simulated task and its ENI's hold on an address. Times are epoch seconds; {@code stoppedAt} -1 while running. */
final class SimTask {
    final String id;
    final String service;
    final boolean standalone;
    final int az;
    final String ip;
    final String eniId;
    /** The trunk ENI whose id flow logs carry for a trunked (branch ENI) task, else {@code null}. */
    final String trunkEniId;
    /** When its ENI got the address: the start of its hold. */
    final long createdAt;
    /**
     * ECS's {@code createdAt}: no later than {@link #createdAt}, earlier when the task was created (PROVISIONING)
     * while the address's previous owner still held it, so its claim overlaps that owner's last seconds.
     */
    long reportedCreatedAt;
    long stoppedAt = -1;
    /** Its reported creation precedes the previous owner's stop; the next owner's precedes its stop. */
    boolean overlapsPrevious;
    /** When its ENI got the address, for an {@link #overlapsPrevious} task: the moment the previous owner freed it
     * (it was reserved for this task); it sends traffic from {@link #createdAt}. Else {@link #createdAt}. */
    long holdsFrom;
    boolean overlappedByNext;
    /** The task IP had another owner before (within the simulated history). */
    final boolean reusedIp;

    SimTask(String id, String service, boolean standalone, int az, String ip, String eniId, String trunkEniId,
            long createdAt, boolean reusedIp) {
        this.id = id;
        this.service = service;
        this.standalone = standalone;
        this.az = az;
        this.ip = ip;
        this.eniId = eniId;
        this.trunkEniId = trunkEniId;
        this.createdAt = createdAt;
        this.reportedCreatedAt = createdAt;
        this.holdsFrom = createdAt;
        this.reusedIp = reusedIp;
    }

    /** CPU units and MiB of memory the task reserves (its service's task size). */
    int cpu;
    int memory;
    /** The EC2 container instance it runs on; {@code null} for a Fargate task. */
    ContainerInstances.Instance instance;

    /** The security groups of the task's ENI (its service's awsvpc groups, or a standalone task's own). */
    java.util.List<String> securityGroups = java.util.List.of();

    /** Fixed situation tags (reused-ip, trunked, lost-event), set once the events are known. */
    String fixedTags = "";
    /** When the task's RUNNING event was first delivered; -1 if never. */
    long runningDeliveredAt = -1;

    /** The task's situation tags for a flow ending at {@code flowEnd}: the fixed ones, and late-event if due. */
    String tags(long flowEnd) {
        if (runningDeliveredAt > flowEnd) {
            return fixedTags.isEmpty() ? "late-event" : fixedTags + ",late-event";
        }
        return fixedTags;
    }

    boolean liveAt(long t) {
        return createdAt <= t && (stoppedAt < 0 || t < stoppedAt);
    }

    /** Whether its ENI held the address at {@code t} (from {@link #holdsFrom}, which may precede its traffic). */
    boolean holdsAt(long t) {
        return holdsFrom <= t && (stoppedAt < 0 || t < stoppedAt);
    }

    /** The interface id that flow logs record for this task's ENI. */
    String recordedInterface() {
        return trunkEniId != null ? trunkEniId : eniId;
    }
}
