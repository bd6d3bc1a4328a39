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
 * @param hours per kept partition, whether its summary was used and why not; empty when summaries were not looked for
 */
public record Investigation(Subject subject, TimeRange range, Pruning pruning, RowGroups rowGroups, String sql,
        List<Counterpart> rows, List<Hour> hours) {
    public Investigation {
        rows = List.copyOf(rows);
        hours = List.copyOf(hours);
    }

    /** An investigation that read every kept partition's flows. */
    public Investigation(Subject subject, TimeRange range, Pruning pruning, RowGroups rowGroups, String sql,
            List<Counterpart> rows) {
        this(subject, range, pruning, rowGroups, sql, rows, List.of());
    }

    /** The kept hours answered from their summaries. */
    public long summarizedHours() {
        return hours.stream().filter(Hour::summarized).count();
    }

    /**
     * How one kept partition was read: from its summary (with the flows of files added after it, read raw), or raw,
     * and why.
     *
     * @param partition the partition's name
     * @param summarized whether its summary answered for the files it covers
     * @param summaryRows the summary's rows; 0 when not summarized
     * @param rawFiles the partition's files read raw (for a summarized hour: those added after its summary)
     * @param why for an hour read raw, why its summary was not used; {@code null} when summarized
     * @param summary the summary used: the hour's, or its day's ({@code dt=YYYY-MM-DD}, shared by the day's hours,
     *     whose {@code summaryRows} the first of them carries); {@code null} when read raw
     */
    public record Hour(String partition, boolean summarized, long summaryRows, int rawFiles, String why,
            String summary) {}

    /** Row groups in the files read, and how many of them DuckDB can skip by the min/max of {@code start}. */
    public record RowGroups(long total, long outsideRange) {}
}
