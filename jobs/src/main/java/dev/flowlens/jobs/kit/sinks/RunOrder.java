package dev.flowlens.jobs.kit.sinks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of one run's rows by its sort columns, each in its natural order with nulls first, ties kept in arrival
 * order: what a stable sort with {@link DatasetParquet#order()} gives, computed on compact primitive keys instead of
 * the rows. A run's rows are tens of megabytes of objects, so comparing them directly is a chain of cache misses;
 * here each row's key value is numbered on arrival (while the row is hot), the distinct values of each column are
 * sorted once, and the rows are merge-sorted by their ranks packed into longs. Reused run after run.
 */
final class RunOrder {
    private final int[] columns;
    private final int capacity;
    // per sort column: the distinct values of this run in arrival order, each with its number; and each row's number
    // (-1 for null)
    private final List<Map<Object, Integer>> numbers = new ArrayList<>();
    private final List<List<Object>> distinct = new ArrayList<>();
    private final int[][] rowNumbers;
    private int rows;

    /** @param columns the sort columns' indices in a row, most significant first */
    RunOrder(int[] columns, int capacity) {
        this.columns = columns.clone();
        this.capacity = capacity;
        this.rowNumbers = new int[columns.length][capacity];
        for (int i = 0; i < columns.length; i++) {
            numbers.add(new HashMap<>());
            distinct.add(new ArrayList<>());
        }
    }

    /** Numbers the next row's sort values. */
    void add(Object[] row) {
        if (rows == capacity) {
            throw new IllegalStateException("a run holds at most " + capacity + " rows");
        }
        for (int key = 0; key < columns.length; key++) {
            Object value = row[columns[key]];
            int number = -1;
            if (value != null) {
                List<Object> values = distinct.get(key);
                Integer known = numbers.get(key).putIfAbsent(value, values.size());
                if (known == null) {
                    number = values.size();
                    values.add(value);
                } else {
                    number = known;
                }
            }
            rowNumbers[key][rows] = number;
        }
        rows++;
    }

    /** The positions of the rows added since the last {@link #clear}, in sorted order. */
    int[] order() {
        // each column's ranks: 0 for null, then 1.. in the values' natural order, equal values one rank
        int[][] ranks = new int[columns.length][];
        int[] bits = new int[columns.length];
        for (int key = 0; key < columns.length; key++) {
            int[] rankOfNumber = ranks(distinct.get(key));
            int highest = 0;
            for (int rank : rankOfNumber) {
                highest = Math.max(highest, rank);
            }
            bits[key] = 32 - Integer.numberOfLeadingZeros(highest);
            int[] rowRanks = new int[rows];
            int[] numbered = rowNumbers[key];
            for (int row = 0; row < rows; row++) {
                rowRanks[row] = numbered[row] < 0 ? 0 : rankOfNumber[numbered[row]];
            }
            ranks[key] = rowRanks;
        }
        long[][] words = pack(ranks, bits);
        int[] order = new int[rows];
        for (int row = 0; row < rows; row++) {
            order[row] = row;
        }
        mergeSort(order, new int[rows], 0, rows, words);
        return order;
    }

    void clear() {
        for (int key = 0; key < columns.length; key++) {
            numbers.get(key).clear();
            distinct.get(key).clear();
        }
        rows = 0;
    }

    /**
     * Each value's rank among {@code values} (distinct by {@code equals}): 1 for the least, values that compare equal
     * share one. Numbers of a column are sorted as primitives, other values by their natural order.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int[] ranks(List<Object> values) {
        int[] ranks = new int[values.size()];
        if (values.isEmpty()) {
            return ranks;
        }
        if (values.get(0) instanceof Integer) {
            int[] sorted = new int[values.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = (Integer) values.get(i);
            }
            Arrays.sort(sorted); // distinct already
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = Arrays.binarySearch(sorted, (Integer) values.get(i)) + 1;
            }
        } else if (values.get(0) instanceof Long) {
            long[] sorted = new long[values.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = (Long) values.get(i);
            }
            Arrays.sort(sorted);
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = Arrays.binarySearch(sorted, (Long) values.get(i)) + 1;
            }
        } else {
            Object[] sorted = values.toArray();
            Arrays.sort(sorted);
            int unique = 0;
            for (Object value : sorted) {
                if (unique == 0 || ((Comparable) sorted[unique - 1]).compareTo(value) != 0) {
                    sorted[unique++] = value;
                }
            }
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = Arrays.binarySearch(sorted, 0, unique, values.get(i)) + 1;
            }
        }
        return ranks;
    }

    /** Each row's ranks, most significant first, packed into as few longs as hold them (63 bits each). */
    private long[][] pack(int[][] ranks, int[] bits) {
        List<long[]> words = new ArrayList<>();
        int key = 0;
        while (key < ranks.length) {
            long[] word = new long[rows];
            int used = 0;
            while (key < ranks.length && used + bits[key] <= 63) {
                int[] rowRanks = ranks[key];
                int shift = bits[key];
                for (int row = 0; row < rows; row++) {
                    word[row] = (word[row] << shift) | rowRanks[row];
                }
                used += shift;
                key++;
            }
            words.add(word);
        }
        return words.toArray(new long[0][]);
    }

    /** A stable merge sort of {@code order[from, to)} by the packed keys; insertion sort for short ranges. */
    private static void mergeSort(int[] order, int[] scratch, int from, int to, long[][] words) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int row = order[i];
                int j = i - 1;
                while (j >= from && compare(order[j], row, words) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = row;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(order, scratch, from, middle, words);
        mergeSort(order, scratch, middle, to, words);
        if (compare(order[middle - 1], order[middle], words) <= 0) {
            return; // already in order: arrival order often is, within an interface's records
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || left < middle && compare(scratch[left], scratch[right], words) <= 0) {
                order[i] = scratch[left++];
            } else {
                order[i] = scratch[right++];
            }
        }
    }

    private static int compare(int a, int b, long[][] words) {
        for (long[] word : words) {
            int c = Long.compare(word[a], word[b]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
