package dev.flowlens.schemas;


/**
 * What the index holds about one task: its identity, the ECS {@code version} of the newest observation merged into
 * it, and its last status. A plain POJO, so it is also the unit of the index's Flink state and snapshots.
 */
public class TaskState {
    public TaskIdentity identity;
    /** ECS's task {@code version} (events' {@code detail.version}, DescribeTasks' {@code version}). */
    public long version;
    /** {@code PROVISIONING}, {@code PENDING}, {@code RUNNING}, ..., {@code STOPPED}. */
    public String lastStatus;
    /** When the newest merged observation was made (event time or reconciliation time), epoch millis. */
    public long observedAt;
    /**
     * Whether this is the reconciler's observation of the task's <em>current</em> state ({@code observedAt} is then
     * the wall-clock time of the pass), not an event of the metadata history. Such an observation is evidence that
     * the task held its addresses then, but it is not event time: the index never advances how far its metadata is
     * complete ({@code knownUntil}), which holds back, releases and expires, by it, so a backfill with the
     * reconciler on is not moved by "now".
     */
    public boolean current;
    /**
     * Whether {@code identity.securityGroups} are the ENI's own, as EC2 describes it, rather than its service's
     * awsvpc configuration: a task takes its service's groups only until its ENI is described.
     */
    public boolean groupsFromEni;

    public TaskState() {}

    public static TaskState of(TaskIdentity identity, long version, String lastStatus, long observedAt) {
        TaskState state = new TaskState();
        state.identity = identity;
        state.version = version;
        state.lastStatus = lastStatus;
        state.observedAt = observedAt;
        return state;
    }

    /** Start of the task's hold on its addresses: the ENI exists from creation (PROVISIONING), before startedAt. */
    public long holdsFrom() {
        TaskIdentity t = identity;
        if (t.createdAt != null) {
            return t.createdAt;
        }
        return t.startedAt != null ? t.startedAt : observedAt;
    }

    /** End of the hold (exclusive): the ENI is gone once the task has stopped; open while it runs. */
    public long holdsUntil() {
        return identity.stoppedAt != null ? identity.stoppedAt : Long.MAX_VALUE;
    }

    public TaskState copy() {
        TaskState copy = of(identity.copy(), version, lastStatus, observedAt);
        copy.current = current;
        copy.groupsFromEni = groupsFromEni;
        return copy;
    }
}
