package dev.flowlens.investigate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The investigation's query (one scan per end and subject column) against the single scan it replaced (an OR of the
 * subject across both ends' columns), on a simulated dataset: the same rows, in the same order, for every kind of
 * subject and for a bounded and an unbounded range.
 */
class ScanPerEndTest {
    @TempDir
    static Path dir;
    static List<Path> files;

    @BeforeAll
    static void writeDataset() throws IOException {
        InvestigatorTest.dataset = SimulatedDataset.write(dir, 130);
        try (Stream<Path> walk = Files.walk(InvestigatorTest.dataset.root)) {
            files = walk.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void answersAsTheSingleScanOverBothEnds() throws SQLException {
        Instant first = InvestigatorTest.dataset.flows.stream().map(f -> Instant.ofEpochSecond(f.record.start))
                .min(Instant::compareTo).orElseThrow();
        List<TimeRange> ranges = List.of(TimeRange.ALL, new TimeRange(first.plusSeconds(1800),
                first.plusSeconds(5400)));
        int compared = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Subject subject : InvestigatorTest.subjects()) {
                for (TimeRange range : ranges) {
                    List<List<Object>> scans = rows(connection, Investigator.sql(subject, range, files));
                    List<List<Object>> single = rows(connection, singleScan(subject, range, files));
                    assertThat(scans).as("%s %s", subject, range).isEqualTo(single);
                    compared += single.size();
                }
            }
        }
        assertThat(compared).as("rows compared").isGreaterThan(100);
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The query as it was: one scan, the subject ORed across both ends' columns. */
    static String singleScan(Subject subject, TimeRange range, List<Path> files) {
        String src = Investigator.condition(subject, "src");
        String dst = Investigator.condition(subject, "dst");
        List<String> where = new ArrayList<>();
        if (range.from() != null) {
            where.add("start >= " + range.from().getEpochSecond());
        }
        if (range.until() != null) {
            where.add("start < " + range.until().getEpochSecond());
        }
        where.add("coalesce(log_status, 'OK') = 'OK'");
        where.add("((" + src + ") OR (" + dst + "))");
        String list = files.stream().map(file -> Investigator.literal(file.toString()))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        return "WITH hits AS MATERIALIZED (\n"
                + "  SELECT srcaddr, dstaddr, start, \"end\", bytes, packets, action, pkt_src_aws_service,"
                + " pkt_dst_aws_service,\n    " + endColumns("src") + ",\n    " + endColumns("dst") + ",\n"
                + "    coalesce(" + src + ", false) AS src_is_subject, coalesce(" + dst
                + ", false) AS dst_is_subject\n"
                + "  FROM read_parquet(" + list + ", union_by_name = true, hive_partitioning = false)\n"
                + "  WHERE " + String.join("\n    AND ", where) + "\n"
                + "), counterparts AS (\n"
                + other("dst", "src_is_subject") + "\n  UNION ALL\n" + other("src", "dst_is_subject") + "\n"
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

    private static String endColumns(String side) {
        return String.join(", ", Stream.of("task_id", "service", "cluster", "security_groups", "peer_class",
                "aws_service").map(column -> side + "_" + column).toList());
    }

    private static String other(String side, String flag) {
        String address = side.equals("src") ? "srcaddr" : "dstaddr";
        return "  SELECT " + side + "_task_id AS task_id, " + side + "_service AS service, " + side
                + "_cluster AS cluster, " + side + "_security_groups AS security_groups,\n"
                + "    CASE WHEN " + side + "_task_id IS NULL THEN " + address + " END AS address, " + side
                + "_peer_class AS peer_class,\n"
                + "    coalesce(" + side + "_aws_service, pkt_" + side + "_aws_service) AS aws_service, start, \"end\","
                + " bytes, packets, action\n"
                + "  FROM hits WHERE " + flag;
    }
}
