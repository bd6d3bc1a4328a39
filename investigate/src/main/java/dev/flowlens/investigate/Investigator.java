package dev.flowlens.investigate;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import org.duckdb.DuckDBPreparedStatement;

/**
 * Answers "who talked to X" over local Parquet files of the dataset with an in-memory DuckDB. One query: for each end,
 * the flows in the time range where that end is the subject (a scan with the subject's column filter pushed down),
 * then each such flow's other end, grouped. DuckDB skips row groups whose {@code start} statistics fall outside the
 * range. Owns its connection; close it.
 */
public final class Investigator implements AutoCloseable {
    private final Connection connection;

    public Investigator() {
        Properties config = new Properties();
        // Never fetch an extension at run time: Parquet is built into the driver, and the machine may be offline.
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:", config);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET enable_progress_bar = true");
                statement.execute("SET enable_progress_bar_print = false");
            }
        } catch (SQLException e) {
            throw new DatasetException("cannot start the embedded DuckDB engine: " + firstLine(e), true, e);
        }
    }

    /**
     * Answers the question over {@code files}, the local copies of {@code pruning}'s files; progress from 0 to 1.
     * With {@code countRowGroups}, also reads every file's footer to count the row groups the range rules out (for
     * {@code --explain}; an extra pass over the footers otherwise spared).
     */
    public Investigation investigate(Subject subject, TimeRange range, Pruning pruning, List<Path> files,
            boolean countRowGroups, DoubleConsumer progress) {
        return investigate(subject, range, pruning, files, List.of(), List.of(), countRowGroups, progress);
    }

    /**
     * As {@link #investigate(Subject, TimeRange, Pruning, List, boolean, DoubleConsumer)}, with {@code summaries}
     * (local copies of hour summaries whose hours are wholly in the range) standing in for the files they cover;
     * {@code files} are then the flows of every other kept file. {@code hours} says which partition came from where.
     */
    public Investigation investigate(Subject subject, TimeRange range, Pruning pruning, List<Path> files,
            List<Path> summaries, List<Investigation.Hour> hours, boolean countRowGroups, DoubleConsumer progress) {
        String sql = summaries.isEmpty() ? sql(subject, range, files) : sql(subject, range, files, summaries);
        if (files.isEmpty() && summaries.isEmpty()) {
            return new Investigation(subject, range, pruning, new Investigation.RowGroups(0, 0), sql, List.of(),
                    hours);
        }
        Investigation.RowGroups rowGroups = countRowGroups && !files.isEmpty() ? rowGroups(range, files)
                : countRowGroups ? new Investigation.RowGroups(0, 0) : null;
        List<Counterpart> rows = new ArrayList<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "investigate-progress");
            thread.setDaemon(true);
            return thread;
        });
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            DuckDBPreparedStatement duck = statement.unwrap(DuckDBPreparedStatement.class);
            poller.scheduleAtFixedRate(() -> {
                try {
                    double percent = duck.getQueryProgress().getPercentage();
                    if (percent >= 0) {
                        progress.accept(Math.min(1.0, percent / 100));
                    }
                } catch (SQLException | RuntimeException ignored) {
                    // the statement finished or closed meanwhile: nothing to show
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        } catch (SQLException e) {
            throw new DatasetException("cannot read the dataset's files: " + firstLine(e)
                    + " (a file that is not the enriched-flow Parquet dataset, or damaged: remove or rewrite it"
                    + (summaries.isEmpty() ? "" : "; --no-summaries reads the flows without the hour summaries")
                    + ")", true, e);
        } finally {
            poller.shutdownNow();
        }
        progress.accept(1.0);
        return new Investigation(subject, range, pruning, rowGroups, sql, rows, hours);
    }

    /** The engine's connection, for reading summaries' footers before the query. */
    Connection connection() {
        return connection;
    }

    /** Row groups in {@code files} and how many the min/max of {@code start} rule out (footers only). */
    Investigation.RowGroups rowGroups(TimeRange range, List<Path> files) {
        String outside = "false";
        if (range.from() != null) {
            outside = "TRY_CAST(stats_max AS BIGINT) < " + range.from().getEpochSecond();
        }
        if (range.until() != null) {
            outside += " OR TRY_CAST(stats_min AS BIGINT) >= " + range.until().getEpochSecond();
        }
        String sql = "SELECT count(*), count(*) FILTER (WHERE " + outside + ") FROM parquet_metadata(" + list(files)
                + ") WHERE path_in_schema = 'start'";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return new Investigation.RowGroups(result.getLong(1), result.getLong(2));
        } catch (SQLException e) {
            throw new DatasetException("cannot read the dataset's files: " + firstLine(e)
                    + " (a file that is not the enriched-flow Parquet dataset, or damaged: remove or rewrite it)",
                    true, e);
        }
    }

    /**
     * The query for {@code subject} in {@code range} over {@code files}, with every value written in. One scan per
     * end and per column the subject can be in, each filtered on that one column, so DuckDB pushes the filter into
     * the Parquet scan (statistics, dictionaries, bloom filters) instead of reading every row's subject columns to
     * evaluate an OR across them. A flow is counted once per end that is the subject, as an OR over the columns
     * would: a later scan of the same end leaves out the rows an earlier one took.
     */
    public static String sql(Subject subject, TimeRange range, List<Path> files) {
        List<String> where = new ArrayList<>();
        if (range.from() != null) {
            where.add("start >= " + range.from().getEpochSecond());
        }
        if (range.until() != null) {
            where.add("start < " + range.until().getEpochSecond());
        }
        where.add("coalesce(log_status, 'OK') = 'OK'"); // NODATA/SKIPDATA records carry no traffic
        List<String> scans = new ArrayList<>();
        // the subject at one end: the counterpart is the other end
        for (String[] ends : new String[][] {{"src", "dst"}, {"dst", "src"}}) {
            List<String> alternatives = alternatives(subject, ends[0]);
            for (int i = 0; i < alternatives.size(); i++) {
                List<String> filter = new ArrayList<>(where);
                filter.add(alternatives.get(i));
                for (String earlier : alternatives.subList(0, i)) {
                    filter.add("NOT coalesce(" + earlier + ", false)");
                }
                scans.add(other(ends[1], files, filter));
            }
        }
        return "WITH counterparts AS (\n"
                + String.join("\n  UNION ALL\n", scans) + "\n"
                + ")\n"
                + "SELECT task_id, service, cluster, security_groups, address, peer_class, aws_service,\n"
                + "  min(start) AS first_seen, max(coalesce(\"end\", start)) AS last_seen, count(*) AS flows,\n"
                + "  coalesce(sum(bytes), 0) AS bytes, coalesce(sum(packets), 0) AS packets,\n"
                + "  count(*) FILTER (WHERE action = 'ACCEPT') AS accepted,"
                + " count(*) FILTER (WHERE action = 'REJECT') AS rejected\n"
                + "FROM counterparts\n"
                + "GROUP BY ALL\n"
                + "ORDER BY bytes DESC, flows DESC, task_id NULLS LAST, address NULLS LAST, service NULLS LAST,"
                + " cluster NULLS LAST, peer_class NULLS LAST, aws_service NULLS LAST, security_groups NULLS LAST";
    }

    /**
     * The query over the flows of {@code files} and the hour summaries {@code summaries}, answering as
     * {@link #sql(Subject, TimeRange, List)} over the files the summaries cover and {@code files}: each summary row
     * is the totals of flows whose columns the scans filter on and output are all equal, so it passes a scan's
     * filter exactly when each of its flows does, and the final aggregation adds its totals where it would count
     * the flows (a raw flow carrying flows = 1). A summary's hour lies wholly in the range, so its flows pass the
     * range's filter exactly when they have a {@code start}: the summary rows with a {@code first_seen}.
     */
    public static String sql(Subject subject, TimeRange range, List<Path> files, List<Path> summaries) {
        List<String> where = new ArrayList<>();
        if (range.from() != null) {
            where.add("start >= " + range.from().getEpochSecond());
        }
        if (range.until() != null) {
            where.add("start < " + range.until().getEpochSecond());
        }
        where.add("coalesce(log_status, 'OK') = 'OK'");
        List<String> summaryWhere = new ArrayList<>();
        if (!range.unbounded()) {
            summaryWhere.add("first_seen IS NOT NULL");
        }
        List<String> scans = new ArrayList<>();
        for (String[] ends : new String[][] {{"src", "dst"}, {"dst", "src"}}) {
            List<String> alternatives = alternatives(subject, ends[0]);
            for (int i = 0; i < alternatives.size(); i++) {
                List<String> filter = new ArrayList<>();
                filter.add(alternatives.get(i));
                for (String earlier : alternatives.subList(0, i)) {
                    filter.add("NOT coalesce(" + earlier + ", false)");
                }
                if (!files.isEmpty()) {
                    List<String> rawFilter = new ArrayList<>(where);
                    rawFilter.addAll(filter);
                    scans.add(counterpart(ends[1], files, rawFilter, false));
                }
                List<String> summaryFilter = new ArrayList<>(summaryWhere);
                summaryFilter.addAll(filter);
                scans.add(counterpart(ends[1], summaries, summaryFilter, true));
            }
        }
        return "WITH counterparts AS (\n"
                + String.join("\n  UNION ALL\n", scans) + "\n"
                + ")\n"
                + "SELECT task_id, service, cluster, security_groups, address, peer_class, aws_service,\n"
                + "  min(first_seen) AS first_seen, max(last_seen) AS last_seen, CAST(sum(flows) AS BIGINT) AS flows,\n"
                + "  coalesce(sum(bytes), 0) AS bytes, coalesce(sum(packets), 0) AS packets,\n"
                + "  CAST(sum(accepted) AS BIGINT) AS accepted, CAST(sum(rejected) AS BIGINT) AS rejected\n"
                + "FROM counterparts\n"
                + "GROUP BY ALL\n"
                + "ORDER BY bytes DESC, flows DESC, task_id NULLS LAST, address NULLS LAST, service NULLS LAST,"
                + " cluster NULLS LAST, peer_class NULLS LAST, aws_service NULLS LAST, security_groups NULLS LAST";
    }

    /**
     * The {@code side} end of the rows of {@code files} where {@code filter} holds, as a counterpart with its totals:
     * a summary row's own, or a flow's (one flow, its bytes and packets, accepted or rejected).
     */
    private static String counterpart(String side, List<Path> files, List<String> filter, boolean summary) {
        String address = side.equals("src") ? "srcaddr" : "dstaddr";
        String totals = summary ? "first_seen, last_seen, flows, bytes, packets, accepted, rejected"
                : "start AS first_seen, coalesce(\"end\", start) AS last_seen, 1 AS flows, bytes, packets,"
                        + " CASE WHEN action = 'ACCEPT' THEN 1 ELSE 0 END AS accepted,"
                        + " CASE WHEN action = 'REJECT' THEN 1 ELSE 0 END AS rejected";
        return "  SELECT " + side + "_task_id AS task_id, " + side + "_service AS service, " + side
                + "_cluster AS cluster, " + side + "_security_groups AS security_groups,\n"
                + "    CASE WHEN " + side + "_task_id IS NULL THEN " + address + " END AS address, " + side
                + "_peer_class AS peer_class,\n"
                + "    coalesce(" + side + "_aws_service, pkt_" + side + "_aws_service) AS aws_service,\n"
                + "    " + totals + "\n"
                + "  FROM read_parquet(" + list(files) + ", union_by_name = true, hive_partitioning = false)\n"
                + "  WHERE " + String.join("\n    AND ", filter);
    }

    /** The {@code side} end of the flows in {@code files} where {@code filter} holds, as a counterpart. */
    private static String other(String side, List<Path> files, List<String> filter) {
        String address = side.equals("src") ? "srcaddr" : "dstaddr";
        return "  SELECT " + side + "_task_id AS task_id, " + side + "_service AS service, " + side
                + "_cluster AS cluster, " + side + "_security_groups AS security_groups,\n"
                + "    CASE WHEN " + side + "_task_id IS NULL THEN " + address + " END AS address, " + side
                + "_peer_class AS peer_class,\n"
                + "    coalesce(" + side + "_aws_service, pkt_" + side + "_aws_service) AS aws_service, start, \"end\","
                + " bytes, packets, action\n"
                + "  FROM read_parquet(" + list(files) + ", union_by_name = true, hive_partitioning = false)\n"
                + "  WHERE " + String.join("\n    AND ", filter);
    }

    /**
     * The subject at the {@code side} end as conditions on one column each (their OR is {@link #condition}): an AWS
     * service in the attributed or in AWS's own column, a task by ID or by ARN.
     */
    static List<String> alternatives(Subject subject, String side) {
        String value = literal(subject.value());
        return switch (subject.kind()) {
            case AWS_SERVICE -> List.of(side + "_aws_service = " + value, "pkt_" + side + "_aws_service = " + value);
            case TASK -> List.of(side + "_task_id = " + value, side + "_task_arn = " + value);
            default -> List.of(condition(subject, side));
        };
    }

    /** Whether the {@code side} end of a flow is the subject, as SQL over the dataset's columns. */
    static String condition(Subject subject, String side) {
        String address = side.equals("src") ? "srcaddr" : "dstaddr";
        String value = literal(subject.value());
        return switch (subject.kind()) {
            case ADDRESS -> address + " = " + value;
            case CIDR -> cidr(subject, address);
            case PORT -> side + "port = " + subject.value();
            case AWS_SERVICE -> "(" + side + "_aws_service = " + value + " OR pkt_" + side + "_aws_service = "
                    + value + ")";
            case SECURITY_GROUP -> "list_contains(" + side + "_security_groups, " + value + ")";
            case TASK -> "(" + side + "_task_id = " + value + " OR " + side + "_task_arn = " + value + ")";
            case SERVICE -> subject.cluster() == null
                    ? side + "_service = " + literal(subject.serviceName())
                    : "(" + side + "_service = " + literal(subject.serviceName()) + " AND " + side + "_cluster = "
                            + literal(subject.cluster()) + ")";
        };
    }

    /**
     * An IPv4 address in a block: the octets the block fixes whole as a string prefix (cheap, and enough for /8, /16,
     * /24), then the address as a number within the block's first and last; non-IPv4 addresses never match.
     */
    private static String cidr(Subject subject, String address) {
        int bits = Integer.parseInt(subject.value().substring(subject.value().indexOf('/') + 1));
        String[] octets = subject.value().substring(0, subject.value().indexOf('/')).split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int octet = 0; octet < bits / 8; octet++) {
            prefix.append(octets[octet]).append('.');
        }
        String number = "(TRY_CAST(split_part(" + address + ", '.', 1) AS BIGINT) * 16777216"
                + " + TRY_CAST(split_part(" + address + ", '.', 2) AS BIGINT) * 65536"
                + " + TRY_CAST(split_part(" + address + ", '.', 3) AS BIGINT) * 256"
                + " + TRY_CAST(split_part(" + address + ", '.', 4) AS BIGINT))";
        String inBlock = "regexp_full_match(" + address + ", '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}') AND "
                + number + " BETWEEN " + subject.cidrFirst() + " AND " + subject.cidrLast();
        if (bits % 8 == 0) {
            return bits == 0 ? "regexp_full_match(" + address + ", '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}')"
                    : "starts_with(" + address + ", " + literal(prefix.toString()) + ")";
        }
        return (prefix.isEmpty() ? "" : "starts_with(" + address + ", " + literal(prefix.toString()) + ") AND ")
                + inBlock;
    }

    private static String list(List<Path> files) {
        StringBuilder list = new StringBuilder("[");
        for (Path file : files) {
            list.append(list.length() > 1 ? ", " : "").append(literal(file.toString()));
        }
        return list.append(']').toString();
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Counterpart row(ResultSet result) throws SQLException {
        Array groups = result.getArray("security_groups");
        List<String> securityGroups = null;
        if (groups != null) {
            securityGroups = Arrays.stream((Object[]) groups.getArray()).map(String::valueOf).toList();
        }
        return new Counterpart(result.getString("task_id"), result.getString("service"), result.getString("cluster"),
                securityGroups, result.getString("address"), result.getString("peer_class"),
                result.getString("aws_service"), instant(result, "first_seen"), instant(result, "last_seen"),
                result.getLong("flows"), result.getLong("bytes"), result.getLong("packets"),
                result.getLong("accepted"), result.getLong("rejected"));
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        long seconds = result.getLong(column);
        return result.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // an in-memory database: nothing left to lose
        }
    }
}
