package dev.flowlens.enrich.index;

import java.util.Arrays;

/**
 * The tasks that claimed one address over time, and who held it when: the claims as the metadata states them, and
 * the holds resolved from them by the physical rule, in one primitive array so that a lookup touches this object,
 * that array and nothing else until it has its answer. Mutable; the index is single-threaded.
 *
 * <p>The rule, since an address belongs to at most one interface at any instant: claims are taken in order of their
 * start (creation, ties by task ARN). A claim's hold starts no earlier than the previous owner's end when that end
 * is known (ENI deleted, or {@code stoppedAt}) — a task created while the old one still holds the address waits for
 * it — so the old owner's last flows stay the old owner's. An unknown end (the STOPPED event lost) is cut by the
 * newer claim; between the old owner's last evidence (its newest observation or start) and the time the newer owner
 * certainly holds the address (its {@code startedAt}) either may have held it, and that span answers
 * {@link #UNCERTAIN}. The resolution depends only on the set of claims, never on their arrival order.
 */
final class Holds {
    /** The owner of a span whose holder the evidence cannot tell. */
    static final Lookup UNCERTAIN = Lookup.unknown(dev.flowlens.schemas.UnattributedReason.OWNER_UNCERTAIN);
    /** An unknown end. */
    static final long OPEN = Long.MAX_VALUE;

    /** The IPv4 address these holds are for, when kept in an {@link Ipv4Table}. */
    final int ipv4;
    // the claims, ordered by (from, task ARN)
    private long[] claims = new long[4]; // from, until, evidence, certainFrom per claim
    private HeldTask[] owners = new HeldTask[1];
    private int size;
    // the resolved holds: from0, until0, from1, until1, ... ordered and disjoint, with their owners
    private long[] spans = new long[0];
    private Lookup[] spanOwners = new Lookup[0];
    private int spanCount;

    Holds(int ipv4) {
        this.ipv4 = ipv4;
    }

    /** Claims stored. */
    int size() {
        return size;
    }

    /**
     * Adds a task's claim: {@code [from, until)} with {@code until} {@link #OPEN} when its end is unknown;
     * {@code evidence} the newest time the task is known to have held the address; {@code certainFrom} the time
     * from which it certainly did (it ran).
     */
    void add(long from, long until, long evidence, long certainFrom, HeldTask owner) {
        if (size == owners.length) {
            int capacity = size * 2;
            claims = Arrays.copyOf(claims, capacity * 4);
            owners = Arrays.copyOf(owners, capacity);
        }
        int i = size;
        String taskArn = null; // made only for a tie of starts, which is rare
        while (i > 0 && (claims[4 * (i - 1)] > from || claims[4 * (i - 1)] == from
                && owners[i - 1].taskArn().compareTo(taskArn != null ? taskArn : (taskArn = owner.taskArn())) > 0)) {
            System.arraycopy(claims, 4 * (i - 1), claims, 4 * i, 4);
            owners[i] = owners[i - 1];
            i--;
        }
        claims[4 * i] = from;
        claims[4 * i + 1] = until;
        claims[4 * i + 2] = evidence;
        claims[4 * i + 3] = certainFrom;
        owners[i] = owner;
        size++;
        resolve();
    }

    /** Removes the task's claims; returns how many were removed. */
    int remove(HeldTask task) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (owners[i] != task) {
                System.arraycopy(claims, 4 * i, claims, 4 * kept, 4);
                owners[kept] = owners[i];
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            owners[i] = null;
        }
        int removed = size - kept;
        size = kept;
        if (removed > 0) {
            resolve();
        }
        return removed;
    }

    /**
     * When a newer claim cut the task's unknown end: the time from which that newer owner certainly holds the
     * address (its start, no earlier than its claim), after which no answer for this address names the task; or
     * {@link #OPEN}. Where an owner whose STOPPED was lost was superseded.
     */
    long supersededAt(HeldTask task) {
        for (int i = 0; i + 1 < size; i++) {
            if (owners[i] == task && claims[4 * i + 1] == OPEN) {
                return Math.max(claims[4 * (i + 1)], claims[4 * (i + 1) + 3]);
            }
        }
        return OPEN;
    }

    /**
     * The owner at {@code t} ({@link #UNCERTAIN} in a span the evidence cannot tell), or {@code null} with the index
     * of the newest resolved hold starting at or before {@code t} in {@code position[0]} (-1 when none does), and
     * whether it is the last in {@code position[1]} (1) or not (0). Scans from the newest hold: flows are mostly
     * recent.
     */
    Lookup ownerAt(long t, int[] position) {
        long[] s = spans;
        for (int i = spanCount - 1; i >= 0; i--) {
            if (s[2 * i] <= t) {
                if (t < s[2 * i + 1]) {
                    return spanOwners[i];
                }
                position[0] = i;
                position[1] = i == spanCount - 1 ? 1 : 0;
                return null;
            }
        }
        position[0] = -1;
        position[1] = spanCount == 0 ? 1 : 0;
        return null;
    }

    /** Recomputes the resolved holds from the claims (see the class comment). */
    private void resolve() {
        long[] out = new long[4 * size + 4];
        Lookup[] outOwners = new Lookup[2 * size + 2];
        int n = 0;
        long floor = Long.MIN_VALUE; // the end of the hold before: a newer claim starts no earlier
        for (int i = 0; i < size; i++) {
            long from = claims[4 * i];
            long until = claims[4 * i + 1];
            long start = Math.max(from, floor);
            boolean cut = until == OPEN && i + 1 < size;
            long end = cut ? claims[4 * (i + 1)] : until;
            if (end <= start) {
                continue; // the evidence leaves this claim no time of its own
            }
            if (cut) {
                // the stop lies somewhere between this owner's last evidence and the next owner's certain start
                long evidence = claims[4 * i + 2];
                long nextCertain = Math.max(claims[4 * (i + 1)], claims[4 * (i + 1) + 3]);
                long nextEnd = claims[4 * (i + 1) + 1];
                long lo = Math.max(start, Math.min(evidence, nextCertain));
                long hi = Math.min(Math.max(Math.max(evidence, nextCertain), end), nextEnd);
                if (lo > start) {
                    n = span(out, outOwners, n, start, lo, owners[i]);
                }
                if (hi > lo) {
                    n = span(out, outOwners, n, lo, hi, UNCERTAIN);
                }
                floor = Math.max(hi, lo);
                continue;
            }
            n = span(out, outOwners, n, start, end, owners[i]);
            floor = end;
        }
        // kept at their size: an address's holds live as long as its tasks, and most are never resolved again
        spans = Arrays.copyOf(out, 2 * n);
        spanOwners = Arrays.copyOf(outOwners, n);
        spanCount = n;
    }

    private static int span(long[] out, Lookup[] outOwners, int n, long from, long until, Lookup owner) {
        out[2 * n] = from;
        out[2 * n + 1] = until;
        outOwners[n] = owner;
        return n + 1;
    }
}
