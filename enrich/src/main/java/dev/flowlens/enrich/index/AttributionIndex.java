package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.ArrayList;
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
    /** The tasks held, by ARN, each in its compact form (see {@link HeldTask}). */
    private final TaskTable.ByArn tasks = new TaskTable.ByArn();
    /**
     * The address holds per account and VPC: organisations reuse the same CIDRs in every account and in several VPCs
     * of one account, so an address names a task only within its VPC ({@code ""} for an unknown account or VPC).
     */
    private final Map<ScopeKey, Scope> scopes = new HashMap<>();
    /** Each subnet's VPC, as tasks whose VPC is known show it. */
    private final Map<String, String> subnetVpcs = new HashMap<>();
    /** Interfaces no task owns, by id: their account and VPC, from exports or EC2. */
    private final Map<String, ScopeKey> interfaces = new HashMap<>();
    /** Each described VPC's CIDR blocks. */
    private final Map<String, dev.flowlens.enrich.peer.PrefixTrie<Boolean>> vpcBlocks = new HashMap<>();
    /** ENIs are created for one task and deleted with it, so each has a single hold: its task's. */
    private final TaskTable.ByEni byEni = new TaskTable.ByEni();
    /** The repeating values of the held tasks, kept once (see {@link TaskStrings}). */
    private final TaskStrings strings = new TaskStrings();
    /** The identities lookups handed out lately, made from the held tasks (see {@link IdentityCache}). */
    private final IdentityCache identities = new IdentityCache();
    /** The serial of the next task held (its identity cache slot). */
    private int serial;
    /** Out-value of {@link Holds#ownerAt}; the index is single-threaded. */
    private final int[] position = new int[2];
    private long knownUntil = Long.MIN_VALUE;
    private long lastExpiry = Long.MIN_VALUE;
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
        if (!observed.current) { // a reconciler's observation of now is not event time (see TaskState.current)
            knownUntil = Math.max(knownUntil, observed.observedAt);
        }
        learnSubnet(observed.identity);
        String arn = observed.identity.taskArn;
        int slot = tasks.find(arn);
        if (slot < 0) {
            HeldTask added = HeldTask.of(observed, strings, identities, serial++);
            tasks.put(added, slot);
            index(added);
            return Applied.ADDED;
        }
        HeldTask existing = tasks.slots()[slot];
        TaskState existingState = existing.state();
        TaskState merged = TaskMerge.merge(existingState, observed);
        if (TaskMerge.same(existingState, merged)) {
            return Applied.UNCHANGED;
        }
        HeldTask updated = HeldTask.of(merged, strings, identities, serial++);
        existing.release(strings);
        unindex(existing);
        tasks.put(updated, slot);
        index(updated);
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

    /**
     * The task that held {@code address} (IPv4 or IPv6 text) at {@code epochMillis} in any account and VPC, or why
     * none did; {@code owner-uncertain} when tasks of several scopes did (the address alone cannot tell them apart).
     */
    public Lookup lookup(String address, long epochMillis) {
        return lookup(null, null, address, epochMillis);
    }

    /**
     * The task of account {@code accountId} (or of an unknown account) that held {@code address} at
     * {@code epochMillis}, in any of its VPCs; {@code accountId} {@code null} looks in every account, as
     * {@link #lookup(String, long)}.
     */
    public Lookup lookup(String accountId, String address, long epochMillis) {
        return lookup(accountId, null, address, epochMillis);
    }

    /**
     * The task of account {@code accountId} and VPC {@code vpcId} that held {@code address} at {@code epochMillis}.
     * Each of the two narrows the search when given: holds of tasks whose account (VPC) is unknown are searched
     * too, holds of another account (VPC) never, so two VPCs reusing a CIDR are never searched for each other's
     * addresses. {@code null} for both is the unscoped lookup of a single-account, single-VPC deployment.
     */
    public Lookup lookup(String accountId, String vpcId, String address, long epochMillis) {
        if (address == null) {
            return Lookup.unknown(UnattributedReason.NO_ADDRESS);
        }
        long v4 = IpKeys.ipv4(address);
        if (v4 != IpKeys.NOT_IPV4) {
            return lookupIpv4(accountId, vpcId, (int) v4, epochMillis);
        }
        long[] v6 = IpKeys.ipv6(address);
        if (v6 == null) {
            return Lookup.unknown(UnattributedReason.NEVER_SEEN);
        }
        if (IpKeys.isIpv4Mapped(v6)) { // ::ffff:a.b.c.d is the IPv4 address a.b.c.d
            return lookupIpv4(accountId, vpcId, (int) v6[1], epochMillis);
        }
        Ipv6Key key = new Ipv6Key(v6[0], v6[1]);
        return across(accountId, vpcId, scope -> find(scope.byIpv6.get(key), epochMillis), epochMillis);
    }

    /** {@link #lookup} for an IPv4 address given as its 32 bits, in every account. */
    public Lookup lookupIpv4(int address, long epochMillis) {
        return lookupIpv4(null, null, address, epochMillis);
    }

    /** {@link #lookup(String, String, long)} for an IPv4 address given as its 32 bits. */
    public Lookup lookupIpv4(String accountId, int address, long epochMillis) {
        return lookupIpv4(accountId, null, address, epochMillis);
    }

    /** {@link #lookup(String, String, String, long)} for an IPv4 address given as its 32 bits. */
    public Lookup lookupIpv4(String accountId, String vpcId, int address, long epochMillis) {
        return across(accountId, vpcId, scope -> find(scope.byIpv4.get(address), epochMillis), epochMillis);
    }

    /**
     * The answer over the scopes a lookup may look in ({@link ScopeKey#admits}), or all when neither account nor
     * VPC is given. One owner found is the answer; owners in several scopes are {@code owner-uncertain}; none, the
     * first reason other than {@code never-seen}.
     */
    private Lookup across(String accountId, String vpcId, java.util.function.Function<Scope, Lookup> find, long t) {
        if (scopes.size() == 1) {
            Map.Entry<ScopeKey, Scope> only = scopes.entrySet().iterator().next();
            if (only.getKey().admits(accountId, vpcId)) {
                return find.apply(only.getValue());
            }
            return find(null, t);
        }
        Lookup found = null;
        Lookup reason = null;
        for (Map.Entry<ScopeKey, Scope> scope : scopes.entrySet()) {
            if (!scope.getKey().admits(accountId, vpcId)) {
                continue;
            }
            Lookup answer = find.apply(scope.getValue());
            if (answer.isFound()) {
                if (found != null) {
                    return Holds.UNCERTAIN;
                }
                found = answer;
            } else if (reason == null || reason.reason() == UnattributedReason.NEVER_SEEN) {
                reason = answer;
            }
        }
        return found != null ? found : reason != null ? reason : find(null, t);
    }

    /**
     * Records what an export or EC2 says of an interface no task may own (a trunk, a load balancer's ENI): its
     * account and VPC, so that records of that interface are scoped by it. A task's ENI is known from the task.
     */
    public void describeInterface(String eniId, String accountId, String vpcId) {
        if (eniId != null && (accountId != null || vpcId != null)) {
            interfaces.put(eniId, new ScopeKey(accountId == null ? "" : accountId, vpcId == null ? "" : vpcId));
        }
    }

    /**
     * Records a VPC's CIDR blocks: a peer outside the recording VPC's blocks is then looked up beyond it (a peered
     * or Transit Gateway-attached VPC); without them every peer is looked up in the recording VPC.
     */
    public void describeVpc(String vpcId, List<String> cidrs) {
        if (vpcId != null) {
            dev.flowlens.enrich.peer.PrefixTrie<Boolean> blocks = new dev.flowlens.enrich.peer.PrefixTrie<>();
            cidrs.forEach(cidr -> blocks.add(cidr, Boolean.TRUE));
            vpcBlocks.put(vpcId, blocks);
        }
    }

    /**
     * Whether {@code address} may be in VPC {@code vpcId}: inside its described blocks, or {@code true} when the
     * VPC's blocks are not known (unknown or {@code null} VPC).
     */
    public boolean mayBeInVpc(String vpcId, String address) {
        dev.flowlens.enrich.peer.PrefixTrie<Boolean> blocks = vpcId == null ? null : vpcBlocks.get(vpcId);
        return blocks == null || address == null || blocks.find(address) != null;
    }

    /**
     * The account and VPC of interface {@code eniId} at {@code epochMillis} as {@code {account, vpc}} (either
     * {@code null} when unknown): its task's (the VPC the task's or its subnet's), else what
     * {@link #describeInterface} recorded.
     */
    public String[] interfaceScope(String eniId, long epochMillis) {
        if (eniId == null) {
            return new String[2];
        }
        HeldTask owner = byEni.get(eniId);
        ScopeKey described = owner != null ? scopeOf(owner) : interfaces.get(eniId);
        return described == null ? new String[2] : new String[] {described.account().isEmpty() ? null
                : described.account(), described.vpc().isEmpty() ? null : described.vpc()};
    }

    /** The task whose ENI {@code eniId} was at {@code epochMillis}, or why none was. */
    public Lookup lookupEni(String eniId, long epochMillis) {
        HeldTask owner = eniId == null ? null : byEni.get(eniId);
        long from = owner == null ? 0 : owner.holdsFrom();
        if (owner != null && from <= epochMillis && epochMillis < owner.holdsUntil()) {
            return owner;
        }
        UnattributedReason reason = owner == null ? UnattributedReason.NEVER_SEEN
                : epochMillis < from ? UnattributedReason.BEFORE_FIRST_OWNER : UnattributedReason.AFTER_LAST_OWNER;
        if (epochMillis > knownUntil && reason != UnattributedReason.BEFORE_FIRST_OWNER) {
            return Lookup.unknown(UnattributedReason.INDEX_BEHIND);
        }
        return Lookup.unknown(reason);
    }

    /** Whether some task's metadata names this ENI. */
    public boolean knowsEni(String eniId) {
        return eniId != null && byEni.get(eniId) != null;
    }

    /** The current identity of a task by ARN, or {@code null}. */
    public TaskIdentity task(String taskArn) {
        HeldTask task = taskArn == null ? null : tasks.get(taskArn);
        return task == null ? null : task.task();
    }

    /**
     * {@link #task(String)} as the index held it at {@code epochMillis}: {@code null} also when the task had stopped
     * more than the retention before then. Expiry drops such a task only when it runs (never in a bounded run, and
     * late in a streaming one); judging by the flow's own time makes the answer the same either way.
     */
    public TaskIdentity task(String taskArn, long epochMillis) {
        HeldTask task = taskArn == null ? null : tasks.get(taskArn);
        boolean expired = task != null && task.stopped() && epochMillis != Long.MIN_VALUE
                && epochMillis - task.stoppedAt() > retentionMillis;
        return task == null || expired ? null : task.task();
    }

    private Lookup find(Holds holds, long t) {
        UnattributedReason reason = UnattributedReason.NEVER_SEEN;
        if (holds != null) {
            Lookup owner = holds.ownerAt(t, position);
            if (owner != null) {
                return owner;
            }
            reason = position[0] < 0 ? UnattributedReason.BEFORE_FIRST_OWNER
                    : position[1] == 1 ? UnattributedReason.AFTER_LAST_OWNER
                    : UnattributedReason.GAP_BETWEEN_OWNERS;
        }
        if (t > knownUntil && reason != UnattributedReason.GAP_BETWEEN_OWNERS
                && reason != UnattributedReason.BEFORE_FIRST_OWNER) {
            return Lookup.unknown(UnattributedReason.INDEX_BEHIND);
        }
        return Lookup.unknown(reason);
    }

    /**
     * Drops tasks whose hold ended more than the retention before {@code nowMillis}; returns their task ARNs. A
     * hold ends at the task's {@code stoppedAt} or, when that is unknown (its STOPPED event lost), where a newer
     * owner of its address superseded it: past that point the index answers the newer owner or
     * {@code owner-uncertain}, never this task, so keeping it longer than the retention serves nothing.
     * {@code nowMillis} is event time: the metadata's ({@link #knownUntil}) in a stream, the flows' in a bounded run
     * ({@link #advanceFlowTime}); never the wall clock of a backfill.
     */
    public List<String> expire(long nowMillis) {
        long horizon = nowMillis - retentionMillis;
        List<HeldTask> ended = new ArrayList<>();
        for (HeldTask task : tasks.values()) {
            long end = task.stopped() ? task.stoppedAt() : supersededAt(task);
            if (end < horizon) {
                ended.add(task);
            }
        }
        List<String> expired = new ArrayList<>(ended.size());
        for (HeldTask task : ended) { // removed once all are chosen: removing one moves where others were cut
            String arn = task.taskArn();
            expired.add(arn);
            tasks.remove(arn);
            task.release(strings);
            unindex(task);
        }
        lastExpiry = Math.max(lastExpiry, nowMillis);
        return expired;
    }

    /**
     * Bounded runs: the flows' event time has reached {@code flowMillis}. Expires (see {@link #expire}) once that
     * time has moved a minute past the last expiry, so the index holds what the retention says and no more; a flow
     * later than the retention behind the newest one may then miss a task, as in a stream.
     */
    public List<String> advanceFlowTime(long flowMillis) {
        if (lastExpiry != Long.MIN_VALUE && flowMillis < lastExpiry + 60_000) {
            return List.of();
        }
        return expire(flowMillis);
    }

    /**
     * Closes the tasks ECS no longer lists: every task of the given scopes ({@code region:account}, the ones the
     * reconciler listed) whose end is unknown and whose ARN is not in {@code listedArns} (neither running nor among
     * the recently stopped) gets {@code stoppedAt} at its last evidence (its newest observation or start): where
     * its hold is last known, so no flow after that is given to it. Returns the closed ARNs.
     */
    public List<String> closeUnlisted(java.util.Set<String> listedArns, java.util.Set<String> scopes) {
        List<String> closed = new ArrayList<>();
        for (HeldTask held : tasks.values()) {
            String arn = held.taskArn();
            if (held.stopped() || listedArns.contains(arn) || !scopes.contains(held.region + ":" + held.accountId)) {
                continue;
            }
            TaskState state = held.state();
            state.identity.stoppedAt = held.lastEvidence();
            state.lastStatus = "STOPPED";
            HeldTask stopped = HeldTask.of(state, strings, identities, serial++);
            held.release(strings);
            unindex(held);
            tasks.put(stopped, arn);
            index(stopped);
            closed.add(arn);
        }
        return closed;
    }

    /** Where a newer claim cut this task's unknown end on its addresses, or {@link Holds#OPEN}. */
    private long supersededAt(HeldTask task) {
        long end = Holds.OPEN;
        Scope scope = scopes.get(scopeOf(task));
        if (scope == null) {
            return end;
        }
        long v4 = task.privateIpv4 == null ? IpKeys.NOT_IPV4 : IpKeys.ipv4(task.privateIpv4);
        if (v4 != IpKeys.NOT_IPV4) {
            Holds holds = scope.byIpv4.get((int) v4);
            end = holds == null ? end : Math.min(end, holds.supersededAt(task));
        }
        long[] v6 = task.ipv6 == null ? null : IpKeys.ipv6(task.ipv6);
        if (v6 != null) {
            Holds holds = scope.byIpv6.get(new Ipv6Key(v6[0], v6[1]));
            end = holds == null ? end : Math.min(end, holds.supersededAt(task));
        }
        return end;
    }

    /** A copy of what the index holds about one task (after merging), or {@code null}. */
    public TaskState snapshotOf(String taskArn) {
        HeldTask task = taskArn == null ? null : tasks.get(taskArn);
        return task == null ? null : task.state();
    }

    /** Every task the index holds, for checkpoints and restarts. The states are copies. */
    public List<TaskState> snapshot() {
        List<TaskState> copies = new ArrayList<>(tasks.size());
        for (HeldTask task : tasks.values()) {
            copies.add(task.state());
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

    /** The kept values (see {@link TaskStrings}), for tests. */
    TaskStrings strings() {
        return strings;
    }

    public int taskCount() {
        return tasks.size();
    }

    /** Holds stored, one per task and key (IPv4, IPv6, ENI). */
    public int intervalCount() {
        return intervals;
    }

    private void index(HeldTask task) {
        long from = task.holdsFrom();
        long until = task.holdsUntil();
        long evidence = task.lastEvidence();
        long certainFrom = task.certainFrom();
        long v4 = task.privateIpv4 == null ? IpKeys.NOT_IPV4 : IpKeys.ipv4(task.privateIpv4);
        Scope scope = v4 == IpKeys.NOT_IPV4 && task.ipv6 == null ? null
                : scopes.computeIfAbsent(scopeOf(task), key -> new Scope());
        if (v4 != IpKeys.NOT_IPV4) {
            scope.byIpv4.getOrCreate((int) v4).add(from, until, evidence, certainFrom, task);
            intervals++;
        }
        long[] v6 = task.ipv6 == null ? null : IpKeys.ipv6(task.ipv6);
        if (v6 != null) {
            scope.byIpv6.computeIfAbsent(new Ipv6Key(v6[0], v6[1]), key -> new Holds(0))
                    .add(from, until, evidence, certainFrom, task);
            intervals++;
        }
        if (task.hasEni()) {
            HeldTask previous = byEni.put(task, task.eniId());
            intervals += previous == null ? 1 : 0;
        }
    }

    /**
     * The newest time the metadata shows the task holding its addresses (its newest observation, start or
     * creation), or {@link Long#MIN_VALUE} for a task the index does not hold.
     */
    public long lastEvidence(String taskArn) {
        HeldTask task = taskArn == null ? null : tasks.get(taskArn);
        return task == null ? Long.MIN_VALUE : task.lastEvidence();
    }

    private void unindex(HeldTask task) {
        Scope scope = scopes.get(scopeOf(task));
        long v4 = task.privateIpv4 == null ? IpKeys.NOT_IPV4 : IpKeys.ipv4(task.privateIpv4);
        if (scope != null && v4 != IpKeys.NOT_IPV4) {
            Holds holds = scope.byIpv4.get((int) v4);
            if (holds != null) {
                intervals -= holds.remove(task);
                if (holds.size() == 0) {
                    scope.byIpv4.remove((int) v4);
                }
            }
        }
        long[] v6 = task.ipv6 == null ? null : IpKeys.ipv6(task.ipv6);
        if (scope != null && v6 != null) {
            removeFrom(scope.byIpv6, new Ipv6Key(v6[0], v6[1]), task);
        }
        if (task.hasEni() && byEni.remove(task.eniId(), task)) {
            intervals--;
        }
    }

    private void removeFrom(Map<Ipv6Key, Holds> map, Ipv6Key key, HeldTask task) {
        Holds holds = map.get(key);
        if (holds != null) {
            intervals -= holds.remove(task);
            if (holds.size() == 0) {
                map.remove(key);
            }
        }
    }

    /** A task's scope: its account and VPC, the VPC known from the task or, else, from its subnet. */
    private ScopeKey scopeOf(HeldTask task) {
        String vpc = task.vpcId != null ? task.vpcId : task.subnetId == null ? null : subnetVpcs.get(task.subnetId);
        return new ScopeKey(task.accountId == null ? "" : task.accountId, vpc == null ? "" : vpc);
    }

    /**
     * Learns the VPC of the task's subnet (a subnet lies in one VPC, and subnet ids are unique across accounts) and
     * moves the tasks of that subnet whose VPC no source told (ECS events carry none) into it: a task seen only in
     * events and the next owner of its address described by EC2 are then in one scope, where their overlapping
     * claims are resolved ({@link Holds}), not two scopes that would both answer.
     */
    private void learnSubnet(TaskIdentity task) {
        if (task.vpcId == null || task.subnetId == null || subnetVpcs.containsKey(task.subnetId)) {
            return;
        }
        List<HeldTask> moved = new ArrayList<>();
        for (HeldTask held : tasks.values()) {
            if (held.vpcId == null && task.subnetId.equals(held.subnetId)) {
                moved.add(held);
            }
        }
        moved.forEach(this::unindex);
        subnetVpcs.put(task.subnetId, task.vpcId);
        moved.forEach(this::index);
    }

    /** An account and VPC, {@code ""} where unknown. */
    private record ScopeKey(String account, String vpc) {
        /** Whether a lookup in {@code accountId} and {@code vpcId} ({@code null}: any) may look in this scope. */
        boolean admits(String accountId, String vpcId) {
            return (accountId == null || account.isEmpty() || account.equals(accountId))
                    && (vpcId == null || vpc.isEmpty() || vpc.equals(vpcId));
        }
    }

    /** One account and VPC's address holds. */
    private static final class Scope {
        final Ipv4Table byIpv4 = new Ipv4Table();
        final Map<Ipv6Key, Holds> byIpv6 = new HashMap<>();
    }

    /** An IPv6 address as a map key. */
    private record Ipv6Key(long high, long low) {}
}
