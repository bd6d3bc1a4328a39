package dev.flowlens.report;

import dev.flowlens.report.UsageReport.Coverage;
import dev.flowlens.report.UsageReport.ExternalDestination;
import dev.flowlens.report.UsageReport.HourlyUsage;
import dev.flowlens.schemas.usage.ServiceUsage;
import dev.flowlens.schemas.usage.UsageDirection;
import dev.flowlens.schemas.usage.UsagePeerClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Aggregates a local enriched-flow dataset (Hive-style {@code dt=/hour=} Parquet partitions, the columns of
 * {@code schemas.dataset.EnrichedFlowColumns}) into a {@link UsageReport}, with DuckDB embedded: only the {@code dt=}
 * partitions of the period are read.
 *
 * <p>Each record counts for the task on the side whose interface recorded it ({@code flow-direction}: egress → the
 * source, ingress → the destination; without it, the end whose ENI is the record's interface or that was attributed
 * by it): both ENIs of an east-west conversation log their own record, so counting both ends of each record would
 * count the traffic twice. A record recorded by an AWS-managed interface (a NAT gateway's, a load balancer's) repeats
 * what the task's own ENI recorded and is left out. A record whose recording side cannot be told counts for every
 * task end. Only ACCEPTed records with a byte count are counted; {@link Coverage} says how many were left out and why.
 */
public final class UsageQuery {
    /** NAT gateway next-hop types, as flow logs name AWS-managed interfaces. */
    private static final String NAT_TYPES = "('nat_gateway', 'regional_nat_gateway')";

    private final Path dataset;

    /** @param dataset the local dataset's root folder (holding {@code dt=...} folders) */
    public UsageQuery(Path dataset) {
        this.dataset = dataset;
    }

    /** Whether the dataset holds any Parquet file; DuckDB's own error for a glob without files is less clear. */
    public boolean hasParquetFiles() {
        try (Stream<Path> files = Files.walk(dataset)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet")
                    && Files.isRegularFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the dataset '" + dataset + "'", e);
        }
    }

    /** The hours the dataset's flows cover, first to last; {@code null} when no record has a capture start. */
    public Period span() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT min(start), max(start) FROM " + source()
                        + " WHERE start IS NOT NULL")) {
            result.next();
            long first = result.getLong(1);
            if (result.wasNull()) {
                return null;
            }
            long last = result.getLong(2);
            return new Period(Math.floorDiv(first, 3600) * 3600, (Math.floorDiv(last, 3600) + 1) * 3600);
        }
    }

    /** The report of {@code period}, costed with {@code prices}, with the top {@code top} destinations per service. */
    public UsageReport run(Period period, Prices prices, int top) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(periodView(period));
            statement.execute(sidesView());
            Coverage coverage = coverage(statement);
            List<CostEstimator.Cell> cells = cells(statement, period);
            List<ServiceUsage> rows = new CostEstimator(prices).costed(cells);
            return new UsageReport(period, prices, rows, hourly(statement), destinations(statement, top), coverage);
        }
    }

    private static Connection connect() throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver"); // the service file may not survive a shaded jar
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB's JDBC driver is not on the classpath", e);
        }
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            // Parquet is built in; nothing is to be downloaded (there may be no network)
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
        }
        return connection;
    }

    /** The dataset's files, partition columns as text ({@code dt=unknown} is a partition too). */
    private String source() {
        String glob = dataset.toAbsolutePath().normalize() + "/**/*.parquet";
        return "read_parquet('" + glob.replace("'", "''") + "', hive_partitioning = true,"
                + " hive_types_autocast = false)";
    }

    /** The period's records, with their recording side: {@code src}, {@code dst}, {@code other} or {@code either}. */
    private String periodView(Period period) {
        return "CREATE TEMP VIEW period_flows AS SELECT *, CASE"
                + " WHEN flow_direction = 'egress' THEN 'src'"
                + " WHEN flow_direction = 'ingress' THEN 'dst'"
                + " WHEN interface_type IS NOT NULL THEN 'other'" // AWS manages it: not a task's ENI
                + " WHEN interface_id IS NOT NULL AND interface_id = src_eni_id THEN 'src'"
                + " WHEN interface_id IS NOT NULL AND interface_id = dst_eni_id THEN 'dst'"
                + " WHEN src_attribution IN ('eni', 'v7-fields') THEN 'src'"
                + " WHEN dst_attribution IN ('eni', 'v7-fields') THEN 'dst'"
                + " ELSE 'either' END AS recorder,"
                + " bytes IS NOT NULL AND coalesce(log_status, 'OK') = 'OK' AS has_data,"
                + " coalesce(action, 'ACCEPT') = 'ACCEPT' AS accepted"
                + " FROM " + source()
                + " WHERE dt BETWEEN '" + period.firstDay() + "' AND '" + period.lastDay() + "'"
                + " AND start >= " + period.start() + " AND start < " + period.end();
    }

    /** Each counted record once per task side it counts for, seen from that task: the peer is the other end. */
    private static String sidesView() {
        String common = "account_id, same_az, traffic_path, next_hop_interface_type, next_hop_vpc_id, vpc_id, start,"
                + " bytes, coalesce(packets, 0) AS packets";
        String raw = "SELECT src_cluster AS cluster, src_service AS service, 'out' AS direction,"
                + " dst_peer_class AS peer_kind, dst_service AS peer_task_service, dst_aws_service AS peer_aws_service,"
                + " dstaddr AS peer_address, " + common + " FROM period_flows"
                + " WHERE has_data AND accepted AND src_task_id IS NOT NULL AND recorder IN ('src', 'either')"
                + " UNION ALL"
                + " SELECT dst_cluster, dst_service, 'in', src_peer_class, src_service, src_aws_service, srcaddr, "
                + common + " FROM period_flows"
                + " WHERE has_data AND accepted AND dst_task_id IS NOT NULL AND recorder IN ('dst', 'either')";
        return "CREATE TEMP VIEW sides AS SELECT *,"
                + " peer_class = 'same-az' OR peer_class = 'cross-az' AS with_task FROM (SELECT *, CASE"
                + " WHEN peer_kind = 'task' THEN CASE WHEN same_az THEN 'same-az' ELSE 'cross-az' END"
                // peering (traffic paths 4 and 5), a transit gateway, or a next hop in another VPC
                + " WHEN traffic_path IN (4, 5) OR next_hop_interface_type = 'transit_gateway'"
                + " OR (next_hop_vpc_id IS NOT NULL AND vpc_id IS NOT NULL AND next_hop_vpc_id <> vpc_id)"
                + " THEN 'other-vpc'"
                + " WHEN peer_kind IN ('aws-service', 'same-vpc', 'internet') THEN peer_kind"
                + " END AS peer_class FROM (" + raw + "))";
    }

    private static Coverage coverage(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT count(*),"
                + " count(*) FILTER (WHERE NOT has_data),"
                + " count(*) FILTER (WHERE has_data AND NOT accepted),"
                + " count(*) FILTER (WHERE has_data AND accepted AND NOT ("
                + "   (src_task_id IS NOT NULL AND recorder IN ('src', 'either'))"
                + "   OR (dst_task_id IS NOT NULL AND recorder IN ('dst', 'either'))))"
                + " FROM period_flows")) {
            result.next();
            long records = result.getLong(1);
            long withoutData = result.getLong(2);
            long rejected = result.getLong(3);
            long notRecordedByTask = result.getLong(4);
            long onTaskSide = records - withoutData - rejected - notRecordedByTask;
            // a peer without a class is an end without an address; a record with two task ends has task peers, so
            // sides without a peer class are records without one
            long withoutPeer;
            try (Statement again = statement.getConnection().createStatement();
                    ResultSet sides = again.executeQuery("SELECT count(*) FILTER (WHERE peer_class IS NULL)"
                            + " FROM sides")) {
                sides.next();
                withoutPeer = sides.getLong(1);
            }
            return new Coverage(records, onTaskSide - withoutPeer, withoutData, rejected, notRecordedByTask,
                    withoutPeer);
        }
    }

    private static List<CostEstimator.Cell> cells(Statement statement, Period period) throws SQLException {
        List<CostEstimator.Cell> cells = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT account_id, cluster, service, direction, peer_class,"
                + " CASE WHEN with_task THEN peer_task_service END AS peer_service,"
                + " CASE WHEN peer_class = 'aws-service' THEN peer_aws_service END AS aws_service,"
                + " sum(bytes), sum(packets), count(*),"
                + " coalesce(sum(bytes) FILTER (WHERE next_hop_interface_type IN " + NAT_TYPES
                + "   OR (direction = 'out' AND traffic_path = 1 AND peer_class IN ('internet', 'aws-service'))), 0),"
                + " coalesce(sum(bytes) FILTER (WHERE next_hop_interface_type = 'vpc_endpoint'), 0)"
                + " FROM sides WHERE peer_class IS NOT NULL"
                + " GROUP BY ALL")) {
            while (result.next()) {
                ServiceUsage row = new ServiceUsage();
                row.periodStart = period.start();
                row.periodEnd = period.end();
                row.accountId = result.getString(1);
                row.cluster = result.getString(2);
                row.service = result.getString(3);
                row.direction = UsageDirection.valueOf(result.getString(4).toUpperCase());
                row.peerClass = peerClass(result.getString(5));
                row.peerService = result.getString(6);
                row.awsService = result.getString(7);
                row.bytes = result.getLong(8);
                row.packets = result.getLong(9);
                row.flows = result.getLong(10);
                cells.add(new CostEstimator.Cell(row, result.getLong(11), result.getLong(12)));
            }
        }
        return cells;
    }

    private static List<HourlyUsage> hourly(Statement statement) throws SQLException {
        List<HourlyUsage> hours = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT account_id, cluster, service, direction,"
                + " (start // 3600) * 3600 AS hour, sum(bytes), sum(packets) FROM sides WHERE peer_class IS NOT NULL"
                + " GROUP BY ALL ORDER BY account_id, cluster, service NULLS FIRST, direction, hour")) {
            while (result.next()) {
                hours.add(new HourlyUsage(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getLong(5), result.getLong(6), result.getLong(7)));
            }
        }
        return hours;
    }

    private static List<ExternalDestination> destinations(Statement statement, int top) throws SQLException {
        List<ExternalDestination> destinations = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT account_id, cluster, service, peer_address,"
                + " coalesce(sum(bytes) FILTER (WHERE direction = 'out'), 0) AS bytes_out,"
                + " coalesce(sum(bytes) FILTER (WHERE direction = 'in'), 0) AS bytes_in, count(*) AS flows"
                + " FROM sides WHERE peer_class = 'internet' AND peer_address IS NOT NULL"
                + " GROUP BY account_id, cluster, service, peer_address"
                + " QUALIFY row_number() OVER (PARTITION BY account_id, cluster, service"
                + "   ORDER BY bytes_out + bytes_in DESC, peer_address) <= " + top
                + " ORDER BY account_id, cluster, service NULLS FIRST, bytes_out + bytes_in DESC, peer_address")) {
            while (result.next()) {
                destinations.add(new ExternalDestination(result.getString(1), result.getString(2),
                        result.getString(3), result.getString(4), result.getLong(5), result.getLong(6),
                        result.getLong(7)));
            }
        }
        return destinations;
    }

    /** The usage peer class of a wire name ({@code cross-az}). */
    static UsagePeerClass peerClass(String wireName) {
        for (UsagePeerClass peerClass : UsagePeerClass.values()) {
            if (peerClass.wireName().equals(wireName)) {
                return peerClass;
            }
        }
        throw new IllegalStateException("no usage peer class '" + wireName + "'");
    }
}
