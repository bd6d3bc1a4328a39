package dev.flowlens.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A quantity over time as a sum of weighted spans {@code [from, until)} (addresses held, tasks running, CPU reserved),
 * and its peaks per bucket of a period: the exact maximum of the step function, not a sample.
 */
final class Occupancy {
    private final List<long[]> changes = new ArrayList<>(); // time, delta

    /** Adds {@code weight} over {@code [from, until)}; {@code until} {@link Long#MAX_VALUE} for a span still open. */
    void add(long from, long until, long weight) {
        if (until <= from || weight == 0) {
            return;
        }
        changes.add(new long[] {from, weight});
        if (until != Long.MAX_VALUE) {
            changes.add(new long[] {until, -weight});
        }
    }

    /** The peak of each bucket of {@code step} seconds from {@code start}, the last one cut at {@code end}. */
    long[] peaks(long start, long end, long step) {
        // ends before starts at one instant: spans are half-open, so a span ending at t and one starting at t never
        // count together
        changes.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int buckets = (int) ((end - start + step - 1) / step);
        long[] peaks = new long[buckets];
        long level = 0;
        int i = 0;
        for (int b = 0; b < buckets; b++) {
            long bucketStart = start + b * step;
            long bucketEnd = Math.min(end, bucketStart + step);
            while (i < changes.size() && changes.get(i)[0] <= bucketStart) {
                level += changes.get(i++)[1]; // the level at the bucket's first instant
            }
            long peak = level;
            while (i < changes.size() && changes.get(i)[0] < bucketEnd) {
                level += changes.get(i++)[1];
                peak = Math.max(peak, level);
            }
            peaks[b] = peak;
        }
        return peaks;
    }

    /** The peak over {@code [start, end)}. */
    long peak(long start, long end) {
        return peaks(start, end, end - start)[0];
    }
}
