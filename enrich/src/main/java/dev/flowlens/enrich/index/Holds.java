package dev.flowlens.enrich.index;

import java.util.Arrays;

/**
 * The tasks that held one address (or ENI) over time: {@code [from, until)} spans in epoch millis, ordered by start,
 * in one primitive array, so that a lookup touches this object, that array and nothing else until it has its answer.
 * Mutable; the index is single-threaded.
 */
final class Holds {
    /** The IPv4 address these holds are for, when kept in an {@link Ipv4Table}. */
    final int ipv4;
    /** from0, until0, from1, until1, ...: ordered by from. */
    private long[] spans = new long[2];
    private Lookup[] owners = new Lookup[1];
    private String[] taskArns = new String[1];
    private int size;

    Holds(int ipv4) {
        this.ipv4 = ipv4;
    }

    int size() {
        return size;
    }

    void add(long from, long until, Lookup owner, String taskArn) {
        if (size == owners.length) {
            int capacity = size * 2;
            spans = Arrays.copyOf(spans, capacity * 2);
            owners = Arrays.copyOf(owners, capacity);
            taskArns = Arrays.copyOf(taskArns, capacity);
        }
        int i = size;
        while (i > 0 && spans[2 * (i - 1)] > from) {
            spans[2 * i] = spans[2 * (i - 1)];
            spans[2 * i + 1] = spans[2 * (i - 1) + 1];
            owners[i] = owners[i - 1];
            taskArns[i] = taskArns[i - 1];
            i--;
        }
        spans[2 * i] = from;
        spans[2 * i + 1] = until;
        owners[i] = owner;
        taskArns[i] = taskArn;
        size++;
    }

    /** Removes the task's holds; returns how many were removed. */
    int remove(String taskArn) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!taskArns[i].equals(taskArn)) {
                spans[2 * kept] = spans[2 * i];
                spans[2 * kept + 1] = spans[2 * i + 1];
                owners[kept] = owners[i];
                taskArns[kept] = taskArns[i];
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            owners[i] = null;
            taskArns[i] = null;
        }
        int removed = size - kept;
        size = kept;
        return removed;
    }

    /**
     * The owner at {@code t}, or {@code null} with the index of the newest hold starting at or before {@code t} in
     * {@code position[0]} (-1 when none does). Scans from the newest hold: flows are mostly recent.
     */
    Lookup ownerAt(long t, int[] position) {
        long[] s = spans;
        for (int i = size - 1; i >= 0; i--) {
            if (s[2 * i] <= t) {
                if (t < s[2 * i + 1]) {
                    return owners[i];
                }
                position[0] = i;
                return null;
            }
        }
        position[0] = -1;
        return null;
    }
}
