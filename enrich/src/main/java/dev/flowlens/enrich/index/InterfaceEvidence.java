package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the flow records themselves say about who held an address: "interface {@code I} used address {@code a} as
 * its own during {@code [first, last]}" (flow start times), per account and VPC. Metadata can miss an owner
 * entirely (its task's events lost, no reconciler); its interface's records still show it.
 *
 * <p>The facts it rests on (AWS's semantics): an address belongs to one ENI at a time in a VPC; an ENI records only
 * traffic of its own addresses; an awsvpc task's ENI keeps its private address for its whole life and is deleted with
 * the task. So when an interface other than a task's dedicated ENI used the task's address after the task's last
 * evidence, the task held it no more from then on (and had perhaps stopped before); when it used it before the
 * task certainly held it, the task did not hold it then. {@link #contradicts} answers that.
 *
 * <p>Which address is an interface's own: the metadata's (the recording ENI's task), the record's
 * {@code flow-direction} ({@code srcaddr} on egress, {@code dstaddr} on ingress), an intermediate's rewritten
 * address ({@code pkt-srcaddr}/{@code pkt-dstaddr} differing), the only end inside the VPC; otherwise the address
 * common to its records ({@code {a, b}} then {@code {a, c}}: {@code a}). An interface whose records show more than
 * one own address per family (a trunk carrying many branches, an ENI with secondary addresses) proves nothing and is
 * ignored. Bounded: at most {@link #MAX_INTERFACES_PER_ADDRESS} interfaces per address (the least recent goes), and
 * {@link #expire} drops what is older than the retention. Not thread-safe: one per attributor.
 */
public final class InterfaceEvidence {
    /** Interfaces remembered per address; ECS reuses an address a few times a day at most. */
    public static final int MAX_INTERFACES_PER_ADDRESS = 8;

    private final long retentionMillis;
    private final Map<AddressKey, List<Use>> byAddress = new HashMap<>();
    private final Map<InterfaceKey, Interface> interfaces = new HashMap<>();

    public InterfaceEvidence(long retentionMillis) {
        if (retentionMillis <= 0) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.retentionMillis = retentionMillis;
    }

    /** The scope an address is unique in: account and VPC ({@code null} parts unknown). */
    public static String scope(String accountId, String vpcId) {
        return (accountId == null ? "" : accountId) + '/' + (vpcId == null ? "" : vpcId);
    }

    /** The interface used {@code address} as its own at {@code at} (epoch millis). */
    public void used(String scope, String interfaceId, String address, long at) {
        AddressKey key = AddressKey.of(scope, address);
        if (key == null) {
            return;
        }
        Interface state = state(scope, interfaceId, at);
        int family = key.family();
        if (state.own[family] == null) {
            state.own[family] = key;
            if (state.pending[family] != null && state.pending[family].contains(key)) {
                add(key, interfaceId, state.pending[family].first, state.pending[family].last);
            }
            state.pending[family] = null;
        } else if (!state.own[family].equals(key)) {
            state.multi = true;
        }
        add(key, interfaceId, at, at);
    }

    /** The interface recorded traffic between {@code a} and {@code b} at {@code at}; which one is its own, the record does not say. */
    public void recorded(String scope, String interfaceId, String a, String b, long at) {
        AddressKey ka = AddressKey.of(scope, a);
        AddressKey kb = AddressKey.of(scope, b);
        if (ka == null || kb == null || ka.family() != kb.family() || ka.equals(kb)) {
            return;
        }
        Interface state = state(scope, interfaceId, at);
        int family = ka.family();
        AddressKey own = state.own[family];
        if (own != null) {
            if (own.equals(ka) || own.equals(kb)) {
                add(own, interfaceId, at, at);
            } else {
                state.multi = true; // an interface with one address has it in every record
            }
            return;
        }
        Pair pending = state.pending[family];
        if (pending == null) {
            state.pending[family] = new Pair(ka, kb, at);
            return;
        }
        boolean hasA = pending.contains(ka);
        boolean hasB = pending.contains(kb);
        if (hasA && hasB) {
            pending.first = Math.min(pending.first, at);
            pending.last = Math.max(pending.last, at);
            return;
        }
        if (!hasA && !hasB) {
            state.multi = true;
            state.pending[family] = null;
            return;
        }
        AddressKey common = hasA ? ka : kb;
        state.own[family] = common;
        state.pending[family] = null;
        add(common, interfaceId, Math.min(pending.first, at), Math.max(pending.last, at));
    }

    /**
     * Whether the records contradict {@code task} holding {@code address} at {@code at}: an interface other than the
     * task's ENI used the address after the task's last evidence ({@code metadataEvidence}, or the last record of
     * its own ENI) while {@code at} is after that evidence, or used it before the task certainly held it (its start,
     * or the first record of its own ENI) while {@code at} is no later than that use. Only a task whose ENI is its own
     * (not a trunk's branch, whose traffic the trunk records) can be contradicted; evidence overlapping the task's
     * own is a conflict that decides nothing.
     */
    public boolean contradicts(String scope, String address, TaskIdentity task, long metadataEvidence, long at) {
        AddressKey key = byAddress.isEmpty() ? null : AddressKey.of(scope, address);
        List<Use> uses = key == null ? null : byAddress.get(key);
        if (uses == null || task.eniId == null) {
            return false;
        }
        long ownFirst = Long.MAX_VALUE;
        long ownLast = metadataEvidence;
        boolean others = false;
        for (Use use : uses) {
            if (use.interfaceId.equals(task.eniId)) {
                ownFirst = Math.min(ownFirst, use.first);
                ownLast = Math.max(ownLast, use.last);
            } else {
                others = true;
            }
        }
        if (!others) {
            return false;
        }
        long certainFrom = task.startedAt != null ? Math.min(task.startedAt, ownFirst) : ownFirst;
        for (Use use : uses) {
            if (use.interfaceId.equals(task.eniId) || ignored(scope, use.interfaceId)) {
                continue;
            }
            if (use.first > ownLast && at > ownLast) {
                return true; // someone else's after the task's last evidence: it is gone, perhaps earlier
            }
            if (certainFrom != Long.MAX_VALUE && use.last < certainFrom && at <= use.last) {
                return true; // someone else's until then: the task got it later
            }
        }
        return false;
    }

    /** Drops evidence older than the retention before {@code nowMillis} (event time). */
    public void expire(long nowMillis) {
        long horizon = nowMillis - retentionMillis;
        Iterator<List<Use>> lists = byAddress.values().iterator();
        while (lists.hasNext()) {
            List<Use> uses = lists.next();
            uses.removeIf(use -> use.last < horizon);
            if (uses.isEmpty()) {
                lists.remove();
            }
        }
        interfaces.values().removeIf(state -> state.lastSeen < horizon);
    }

    /**
     * What a checkpoint keeps: every use, with whether its interface proved nothing. How far an interface's own
     * address was inferred is not kept: after a restore it is inferred again from the records that follow.
     */
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        byAddress.forEach((key, uses) -> {
            for (Use use : uses) {
                Fact fact = new Fact();
                fact.scope = key.scope();
                fact.interfaceId = use.interfaceId;
                fact.high = key.high();
                fact.low = key.low();
                fact.first = use.first;
                fact.last = use.last;
                fact.multi = ignored(key.scope(), use.interfaceId);
                facts.add(fact);
            }
        });
        return facts;
    }

    /** Adds what {@link #facts} returned (of this or another instance). */
    public void restore(Iterable<Fact> facts) {
        for (Fact fact : facts) {
            AddressKey key = new AddressKey(fact.scope, fact.high, fact.low);
            Interface state = state(fact.scope, fact.interfaceId, fact.last);
            AddressKey own = state.own[key.family()];
            // facts split over subtasks may meet again: two own addresses of one family prove nothing
            state.multi |= fact.multi || own != null && !own.equals(key);
            state.own[key.family()] = key;
            add(key, fact.interfaceId, fact.first, fact.last);
        }
    }

    /** One interface's use of one address as a plain record, for checkpoints. */
    public static final class Fact {
        public String scope;
        public String interfaceId;
        /** The address: IPv4 with {@code high} -1 and the 32 bits in {@code low}, else IPv6's 128 bits. */
        public long high;
        public long low;
        public long first;
        public long last;
        /** Its interface showed several own addresses of a family, so proves nothing. */
        public boolean multi;

        public Fact() {}
    }

    /** Addresses with evidence. */
    public int addressCount() {
        return byAddress.size();
    }

    /** Interfaces followed. */
    public int interfaceCount() {
        return interfaces.size();
    }

    private boolean ignored(String scope, String interfaceId) {
        Interface state = interfaces.get(new InterfaceKey(scope, interfaceId));
        return state != null && state.multi;
    }

    private Interface state(String scope, String interfaceId, long at) {
        Interface state = interfaces.computeIfAbsent(new InterfaceKey(scope, interfaceId), key -> new Interface());
        state.lastSeen = Math.max(state.lastSeen, at);
        return state;
    }

    private void add(AddressKey key, String interfaceId, long first, long last) {
        List<Use> uses = byAddress.computeIfAbsent(key, k -> new ArrayList<>(2));
        for (Use use : uses) {
            if (use.interfaceId.equals(interfaceId)) {
                use.first = Math.min(use.first, first);
                use.last = Math.max(use.last, last);
                return;
            }
        }
        if (uses.size() == MAX_INTERFACES_PER_ADDRESS) {
            Use oldest = uses.get(0);
            for (Use use : uses) {
                oldest = use.last < oldest.last ? use : oldest;
            }
            uses.remove(oldest);
        }
        uses.add(new Use(interfaceId, first, last));
    }

    /** One interface's use of one address. */
    private static final class Use {
        final String interfaceId;
        long first;
        long last;

        Use(String interfaceId, long first, long last) {
            this.interfaceId = interfaceId;
            this.first = first;
            this.last = last;
        }
    }

    /** What is known of one interface's own address, per family (0 IPv4, 1 IPv6). */
    private static final class Interface {
        final AddressKey[] own = new AddressKey[2];
        final Pair[] pending = new Pair[2];
        boolean multi;
        long lastSeen = Long.MIN_VALUE;
    }

    /** The two ends of the records seen so far of an interface whose own address is not yet known. */
    private static final class Pair {
        final AddressKey a;
        final AddressKey b;
        long first;
        long last;

        Pair(AddressKey a, AddressKey b, long at) {
            this.a = a;
            this.b = b;
            this.first = at;
            this.last = at;
        }

        boolean contains(AddressKey key) {
            return a.equals(key) || b.equals(key);
        }
    }

    private record InterfaceKey(String scope, String interfaceId) {}

    /** An address by value in its scope; IPv4 has {@code high} -1. */
    private record AddressKey(String scope, long high, long low) {
        static AddressKey of(String scope, String address) {
            if (address == null) {
                return null;
            }
            long v4 = IpKeys.ipv4(address);
            if (v4 != IpKeys.NOT_IPV4) {
                return new AddressKey(scope, -1, v4);
            }
            long[] v6 = IpKeys.ipv6(address);
            return v6 == null ? null : new AddressKey(scope, v6[0], v6[1]);
        }

        int family() {
            return high == -1 ? 0 : 1;
        }
    }
}
