package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which task held an address (or ENI) at an instant. For each IPv4 address, IPv6 address and ENI id the index keeps
 * the time-ordered holds {@code [from, until)} of the tasks that had it, so a flow is attributed to the task that
 * held the address <em>at the flow's time</em>, even when the address has been reused since.
 *
 * <p>Updates are idempotent and order-insensitive: observations of a task (events, reconciliation) are merged by ECS
 * {@code version}; an older or duplicate observation changes nothing it already knows. Stopped tasks stay for the
 * retention period so late flow logs still find them. Not thread-safe: one index per Flink subtask.
 */
public final class AttributionIndex {
    private final long retentionMillis;
    private final Map<String, TaskState> tasks = new HashMap<>();
    private final Ipv4Table<Interval[]> byIpv4 = new Ipv4Table<>();
    private final Map<Ipv6Key, Interval[]> byIpv6 = new HashMap<>();
    private final Map<String, Interval[]> byEni = new HashMap<>();
    private long knownUntil = Long.MIN_VALUE;
    private int intervals;

    /** What {@link #apply} did. */
    public enum Applied { ADDED, UPDATED, UNCHANGED }

    public AttributionIndex(long retentionMillis) {
        if (retentionMillis <= 0) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.retentionMillis = retentionMillis;
    }

    /** Merges an observation of a task. The identity must name its task ARN. */
    public Applied apply(TaskState observed) {
        if (observed.identity == null || observed.identity.taskArn == null) {
            throw new IllegalArgumentException("an observation must name its task ARN");
        }
        knownUntil = Math.max(knownUntil, observed.observedAt);
        String arn = observed.identity.taskArn;
        TaskState existing = tasks.get(arn);
        if (existing == null) {
            TaskState added = observed.copy();
            tasks.put(arn, added);
            index(added);
            return Applied.ADDED;
        }
        TaskState merged = TaskMerge.merge(existing, observed);
        if (TaskMerge.same(existing, merged)) {
            return Applied.UNCHANGED;
        }
        unindex(existing);
        tasks.put(arn, merged);
        index(merged);
        return Applied.UPDATED;
    }

    /**
     * Declares that the index is complete up to {@code epochMillis} (a reconciliation finished, or the metadata
     * stream's watermark passed it). Lookups newer than this with no owner answer {@code INDEX_BEHIND}.
     */
    public void advanceKnownUntil(long epochMillis) {
        knownUntil = Math.max(knownUntil, epochMillis);
    }

    public long knownUntil() {
        return knownUntil;
    }

    /** The task that held {@code address} (IPv4 or IPv6 text) at {@code epochMillis}, or why none did. */
    public Lookup lookup(String address, long epochMillis) {
        if (address == null) {
            return Lookup.unknown(UnattributedReason.NO_ADDRESS);
        }
        long v4 = IpKeys.ipv4(address);
        if (v4 != IpKeys.NOT_IPV4) {
            return lookupIpv4((int) v4, epochMillis);
        }
        long[] v6 = IpKeys.ipv6(address);
        if (v6 == null) {
            return Lookup.unknown(UnattributedReason.NEVER_SEEN);
        }
        return find(byIpv6.get(new Ipv6Key(v6[0], v6[1])), epochMillis);
    }

    /** {@link #lookup} for an IPv4 address given as its 32 bits. */
    public Lookup lookupIpv4(int address, long epochMillis) {
        return find(byIpv4.get(address), epochMillis);
    }

    /** The task whose ENI {@code eniId} was at {@code epochMillis}, or why none was. */
    public Lookup lookupEni(String eniId, long epochMillis) {
        return find(eniId == null ? null : byEni.get(eniId), epochMillis);
    }

    /** The current identity of a task by ARN, or {@code null}. */
    public TaskIdentity task(String taskArn) {
        TaskState state = tasks.get(taskArn);
        return state == null ? null : state.identity;
    }

    private Lookup find(Interval[] holds, long t) {
        UnattributedReason reason = UnattributedReason.NEVER_SEEN;
        if (holds != null) {
            reason = UnattributedReason.BEFORE_FIRST_OWNER;
            for (int i = holds.length - 1; i >= 0; i--) {
                Interval hold = holds[i];
                if (hold.from <= t) {
                    if (t < hold.until) {
                        return hold.owner;
                    }
                    reason = i == holds.length - 1 ? UnattributedReason.AFTER_LAST_OWNER
                            : UnattributedReason.GAP_BETWEEN_OWNERS;
                    break;
                }
            }
        }
        if (t > knownUntil && reason != UnattributedReason.GAP_BETWEEN_OWNERS
                && reason != UnattributedReason.BEFORE_FIRST_OWNER) {
            return Lookup.unknown(UnattributedReason.INDEX_BEHIND);
        }
        return Lookup.unknown(reason);
    }

    /** Drops tasks that stopped more than the retention before {@code nowMillis}; returns how many. */
    public int expire(long nowMillis) {
        long horizon = nowMillis - retentionMillis;
        List<String> expired = new ArrayList<>();
        for (TaskState state : tasks.values()) {
            if (state.identity.stoppedAt != null && state.identity.stoppedAt < horizon) {
                expired.add(state.identity.taskArn);
            }
        }
        for (String arn : expired) {
            unindex(tasks.remove(arn));
        }
        return expired.size();
    }

    /** Every task the index holds, for checkpoints and restarts. The states are copies. */
    public List<TaskState> snapshot() {
        List<TaskState> copies = new ArrayList<>(tasks.size());
        for (TaskState state : tasks.values()) {
            copies.add(state.copy());
        }
        return copies;
    }

    /** An index holding what {@link #snapshot} returned, with the same {@link #knownUntil}. */
    public static AttributionIndex restore(Collection<TaskState> snapshot, long knownUntil, long retentionMillis) {
        AttributionIndex index = new AttributionIndex(retentionMillis);
        for (TaskState state : snapshot) {
            index.apply(state);
        }
        index.knownUntil = knownUntil;
        return index;
    }

    public int taskCount() {
        return tasks.size();
    }

    /** Holds stored, one per task and key (IPv4, IPv6, ENI). */
    public int intervalCount() {
        return intervals;
    }

    private void index(TaskState state) {
        TaskIdentity task = state.identity;
        Lookup owner = Lookup.found(task);
        Interval hold = new Interval(state.holdsFrom(), state.holdsUntil(), owner, task.taskArn);
        long v4 = task.privateIpv4 == null ? IpKeys.NOT_IPV4 : IpKeys.ipv4(task.privateIpv4);
        if (v4 != IpKeys.NOT_IPV4) {
            byIpv4.put((int) v4, insert(byIpv4.get((int) v4), hold));
        }
        long[] v6 = task.ipv6 == null ? null : IpKeys.ipv6(task.ipv6);
        if (v6 != null) {
            Ipv6Key key = new Ipv6Key(v6[0], v6[1]);
            byIpv6.put(key, insert(byIpv6.get(key), hold));
        }
        if (task.eniId != null) {
            byEni.put(task.eniId, insert(byEni.get(task.eniId), hold));
        }
    }

    private void unindex(TaskState state) {
        TaskIdentity task = state.identity;
        long v4 = task.privateIpv4 == null ? IpKeys.NOT_IPV4 : IpKeys.ipv4(task.privateIpv4);
        if (v4 != IpKeys.NOT_IPV4) {
            byIpv4.put((int) v4, remove(byIpv4.get((int) v4), task.taskArn));
        }
        long[] v6 = task.ipv6 == null ? null : IpKeys.ipv6(task.ipv6);
        if (v6 != null) {
            byIpv6.computeIfPresent(new Ipv6Key(v6[0], v6[1]), (key, old) -> remove(old, task.taskArn));
        }
        if (task.eniId != null) {
            byEni.computeIfPresent(task.eniId, (key, old) -> remove(old, task.taskArn));
        }
    }

    /** A copy of {@code holds} with {@code hold} added, kept ordered by start. */
    private Interval[] insert(Interval[] holds, Interval hold) {
        intervals++;
        if (holds == null) {
            return new Interval[] {hold};
        }
        Interval[] grown = Arrays.copyOf(holds, holds.length + 1);
        int i = holds.length;
        while (i > 0 && grown[i - 1].from > hold.from) {
            grown[i] = grown[i - 1];
            i--;
        }
        grown[i] = hold;
        return grown;
    }

    /** A copy of {@code holds} without the task's hold; {@code null} when none is left. */
    private Interval[] remove(Interval[] holds, String taskArn) {
        if (holds == null) {
            return null;
        }
        Interval[] kept = new Interval[holds.length];
        int n = 0;
        for (Interval hold : holds) {
            if (!hold.taskArn.equals(taskArn)) {
                kept[n++] = hold;
            }
        }
        intervals -= holds.length - n;
        return n == 0 ? null : Arrays.copyOf(kept, n);
    }

    /** An IPv6 address as a map key. */
    private record Ipv6Key(long high, long low) {}
}
