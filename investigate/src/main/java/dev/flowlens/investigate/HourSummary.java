package dev.flowlens.investigate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of one hour partition: its OK flows grouped by every column an investigation filters on or outputs for
 * either end, with the totals the investigation's final aggregation takes. A Parquet file at
 * {@code DATASET/_summaries/dt=YYYY-MM-DD/hour=HH/flows.summary}: the underscore keeps Hive, Athena and Spark out of
 * the folder, and the name, not ending in {@code .parquet}, keeps DuckDB's {@code **}{@code /*.parquet} globs (the
 * usage report's) off it. Its key-value metadata says which data files (name, size, ETag) it covers and the range of
 * their {@code start}, so an investigation can tell a current summary from a stale one. A day's summary,
 * {@code _summaries/dt=YYYY-MM-DD/flows.summary}, holds its hours' summaries added up by the same key and covers
 * their files, named {@code hour=HH/NAME}.
 *
 * <p>Ports are not in the key: with them an hour's flows shrink about 1.6×, without them about 5× (measured on the
 * default scenario's day, bench/README.md), so port questions read the flows.
 *
 * @param covers the data files summarized, by name within the hour folder
 * @param minStart the earliest {@code start} of the flows summarized; {@code null} when none has one
 * @param maxStart the latest
 * @param rows the summary's rows
 */
public record HourSummary(List<Covered> covers, Long minStart, Long maxStart, long rows) {
    /** The folder under the dataset's root holding the summaries, as {@code dt=…/hour=…/} below it. */
    public static final String FOLDER = "_summaries";
    /** A summary's file name in its hour folder. */
    public static final String FILE = "flows.summary";
    /** The metadata key naming the format; its value, {@link #FORMAT}, changes when the columns do. */
    static final String FORMAT_KEY = "flowlens.summary.format";
    static final String FORMAT = "flowlens-hour-summary-1";
    static final String COVERS_KEY = "flowlens.summary.covers";
    static final String MIN_START_KEY = "flowlens.summary.min_start";
    static final String MAX_START_KEY = "flowlens.summary.max_start";

    /** A data file a summary covers: its name in the hour folder, size and, in S3, ETag ({@code ""} if none). */
    public record Covered(String name, long bytes, String etag) {}

    /** The columns that say who an end is, for each end; the summary's group key (with whether start is known). */
    static final List<String> KEY_COLUMNS = keyColumns();

    private static List<String> keyColumns() {
        List<String> columns = new ArrayList<>(List.of("srcaddr", "dstaddr"));
        for (String side : List.of("src", "dst")) {
            for (String column : List.of("task_id", "task_arn", "service", "cluster", "security_groups", "peer_class",
                    "aws_service")) {
                columns.add(side + "_" + column);
            }
            columns.add("pkt_" + side + "_aws_service");
        }
        return List.copyOf(columns);
    }

    public HourSummary {
        covers = List.copyOf(covers);
    }

    public HourSummary(List<Covered> covers, Long minStart, Long maxStart) {
        this(covers, minStart, maxStart, -1);
    }

    /**
     * Whether every flow with a {@code start} this summary holds starts in {@code range}, so that the range's filter
     * keeps exactly the summary rows with a known {@code first_seen}.
     */
    boolean inside(TimeRange range) {
        if (minStart == null) {
            return true;
        }
        return (range.from() == null || minStart >= range.from().getEpochSecond())
                && (range.until() == null || maxStart < range.until().getEpochSecond());
    }

    /**
     * The statement that writes the summary of {@code files} to {@code target}. Flows other than OK carry no traffic
     * (the investigation leaves them out), so they are left out here; flows without a {@code start} are grouped
     * apart (a bounded range drops them), so their rows are the ones with a null {@code first_seen}.
     */
    static String copySql(List<String> files, String target, List<Covered> covers, Long minStart, Long maxStart) {
        return copy(files, """
                    min(start) AS first_seen, max(coalesce("end", start)) AS last_seen, count(*) AS flows,
                    CAST(coalesce(sum(bytes), 0) AS BIGINT) AS bytes,
                    CAST(coalesce(sum(packets), 0) AS BIGINT) AS packets,
                    count(*) FILTER (WHERE action = 'ACCEPT') AS accepted,
                    count(*) FILTER (WHERE action = 'REJECT') AS rejected
                """, "  WHERE coalesce(log_status, 'OK') = 'OK'\n", "start IS NULL", target, covers, minStart,
                maxStart);
    }

    /**
     * The statement that writes the summary of a day from its hours' summaries {@code hours} to {@code target}: their
     * rows added up by the same key (the same pairs talk hour after hour), so a day wholly in a range is one file to
     * read rather than 24 (DuckDB's cost per file dominates over a long range).
     */
    static String copyDaySql(List<String> hours, String target, List<Covered> covers, Long minStart, Long maxStart) {
        return copy(hours, """
                    min(first_seen) AS first_seen, max(last_seen) AS last_seen, CAST(sum(flows) AS BIGINT) AS flows,
                    CAST(sum(bytes) AS BIGINT) AS bytes, CAST(sum(packets) AS BIGINT) AS packets,
                    CAST(sum(accepted) AS BIGINT) AS accepted, CAST(sum(rejected) AS BIGINT) AS rejected
                """, "", "first_seen IS NULL", target, covers, minStart, maxStart);
    }

    /** {@code totals} computed by the key over {@code sources}, rows without a first time grouped apart. */
    private static String copy(List<String> sources, String totals, String where, String unknownStart, String target,
            List<Covered> covers, Long minStart, Long maxStart) {
        String key = String.join(", ", KEY_COLUMNS);
        String list = sources.stream().map(Investigator::literal).collect(java.util.stream.Collectors.joining(", ",
                "[", "]"));
        return "COPY (\n"
                + "  SELECT " + key + ",\n"
                + totals
                + "  FROM read_parquet(" + list + ", union_by_name = true, hive_partitioning = false)\n"
                + where
                + "  GROUP BY " + key + ", " + unknownStart + "\n"
                + "  ORDER BY " + key + ", first_seen\n"
                + ") TO " + Investigator.literal(target) + " (FORMAT parquet, COMPRESSION zstd, KV_METADATA "
                + metadata(covers, minStart, maxStart) + ")";
    }

    private static String metadata(List<Covered> covers, Long minStart, Long maxStart) {
        StringBuilder coversText = new StringBuilder();
        for (Covered covered : covers) {
            coversText.append(covered.name()).append('\t').append(covered.bytes()).append('\t')
                    .append(covered.etag()).append('\n');
        }
        return "{'" + FORMAT_KEY + "': " + Investigator.literal(FORMAT) + ", "
                + "'" + COVERS_KEY + "': " + Investigator.literal(coversText.toString()) + ", "
                + "'" + MIN_START_KEY + "': " + Investigator.literal(minStart == null ? "" : minStart.toString())
                + ", '" + MAX_START_KEY + "': " + Investigator.literal(maxStart == null ? "" : maxStart.toString())
                + "}";
    }

    /**
     * The summary's metadata read from {@code file}'s footer.
     *
     * @throws NotASummaryException when the file is not a summary this version wrote (not Parquet, damaged, another
     *     format), with why
     */
    static HourSummary read(Connection connection, String file) throws NotASummaryException {
        Map<String, String> metadata = new LinkedHashMap<>();
        long rows;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT decode(key), decode(value) FROM"
                    + " parquet_kv_metadata(" + Investigator.literal(file) + ")")) {
                while (result.next()) {
                    metadata.put(result.getString(1), result.getString(2));
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT num_rows FROM parquet_file_metadata("
                    + Investigator.literal(file) + ")")) {
                result.next();
                rows = result.getLong(1);
            }
        } catch (SQLException e) {
            throw new NotASummaryException("not a readable Parquet file (" + firstLine(e) + ")");
        }
        if (!FORMAT.equals(metadata.get(FORMAT_KEY))) {
            throw new NotASummaryException(metadata.containsKey(FORMAT_KEY)
                    ? "written in another format (" + metadata.get(FORMAT_KEY) + ")" : "not a flowlens summary");
        }
        try {
            List<Covered> covers = new ArrayList<>();
            for (String line : metadata.getOrDefault(COVERS_KEY, "").split("\n")) {
                if (!line.isEmpty()) {
                    String[] fields = line.split("\t", -1);
                    covers.add(new Covered(fields[0], Long.parseLong(fields[1]), fields[2]));
                }
            }
            return new HourSummary(covers, number(metadata.get(MIN_START_KEY)), number(metadata.get(MAX_START_KEY)),
                    rows);
        } catch (RuntimeException e) {
            throw new NotASummaryException("its metadata is damaged");
        }
    }

    private static Long number(String text) {
        return text == null || text.isEmpty() ? null : Long.valueOf(text);
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A file where a summary should be that is not one this version wrote. */
    static final class NotASummaryException extends Exception {
        NotASummaryException(String why) {
            super(why);
        }
    }
}
