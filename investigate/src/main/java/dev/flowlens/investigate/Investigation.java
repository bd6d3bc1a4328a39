package dev.flowlens.investigate;

import java.util.List;

/**
 * A question and its answer: who was on the other side of {@code subject}'s flows in {@code range}.
 *
 * @param pruning what was read and what was skipped
 * @param rowGroups the row groups of the files read, and how many of them the statistics of {@code start} rule out;
 *     {@code null} when not counted
 * @param sql the query as DuckDB ran it
 * @param rows the counterparts, most bytes first
 */
public record Investigation(Subject subject, TimeRange range, Pruning pruning, RowGroups rowGroups, String sql,
        List<Counterpart> rows) {
    public Investigation {
        rows = List.copyOf(rows);
    }

    /** Row groups in the files read, and how many of them DuckDB can skip by the min/max of {@code start}. */
    public record RowGroups(long total, long outsideRange) {}
}
