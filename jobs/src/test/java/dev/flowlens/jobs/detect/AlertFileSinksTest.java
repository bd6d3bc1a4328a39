package dev.flowlens.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.jobs.enrich.MiniClusters;
import dev.flowlens.jobs.enrich.OutputFiles;
import dev.flowlens.jobs.kit.sinks.AlertParquet;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.dataset.AlertColumns;
import dev.flowlens.schemas.json.AlertJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alerts through a MiniCluster job into JSON lines and the Parquet dataset, read back as they were written. */
class AlertFileSinksTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void jsonLinesAndParquetHoldEveryAlertAsWritten() throws Exception {
        List<Alert> alerts = TestAlerts.incidents(10);
        Path json = out.resolve("alerts-json");
        Path parquet = out.resolve("alerts-parquet");
        run(alerts, new AlertSinks(json.toString(), parquet.toString(), null, null, AlertSinks.Format.FLOWLENS));

        List<Alert> read = new ArrayList<>();
        for (String line : OutputFiles.lines(json)) {
            read.add(AlertJson.parse(line));
        }
        Comparator<Alert> order = Comparator.comparing((Alert a) -> a.id).thenComparing(a -> a.status);
        assertThat(read).hasSize(alerts.size());
        assertThat(read.stream().sorted(order).toList()).usingRecursiveComparison()
                .isEqualTo(alerts.stream().sorted(order).toList());

        assertThat(OutputFiles.awaitParquetRows(parquet, alerts.size(), Duration.ofSeconds(10)))
                .isEqualTo(alerts.size());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            String dataset = "read_parquet('" + parquet + "/**/*.parquet', hive_partitioning = true)";
            try (ResultSet columns = sql.executeQuery("describe select * exclude (dt, hour) from " + dataset)) {
                List<String> described = new ArrayList<>();
                while (columns.next()) {
                    described.add(columns.getString("column_name") + " " + columns.getString("column_type"));
                }
                assertThat(described).as("DuckDB's view of the schema").contains("task_ids VARCHAR[]",
                        "security_groups VARCHAR[]", "peer_port INTEGER", "start BIGINT", "flows BIGINT");
                assertThat(described.stream().map(d -> d.substring(0, d.indexOf(' '))).toList())
                        .containsExactlyElementsOf(AlertColumns.names());
            }
            Alert scan = alerts.stream().filter(a -> a.kind.wireName().equals("port-scan")).findFirst().orElseThrow();
            try (ResultSet rows = sql.executeQuery("select status, kind, \"end\", peer_port, flows, task_arns[1],"
                    + " security_groups, dt, hour from " + dataset + " where list_contains(task_ids, '"
                    + scan.tasks.get(0).taskId + "') order by \"end\"")) {
                List<String> statuses = new ArrayList<>();
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                    assertThat(rows.getString(2)).isEqualTo("port-scan");
                    assertThat(rows.getObject(4)).as("a port scan has no single port").isNull();
                    assertThat(rows.getString(6)).isEqualTo(scan.tasks.get(0).taskArn);
                    assertThat(rows.getString(8)).isEqualTo("2024-05-06");
                    assertThat(rows.getString(9)).as("partitioned by the alert's start, 09:12 UTC + 2 h")
                            .isIn("11", "11.0");
                }
                assertThat(statuses).containsExactly("open", "updated", "closed");
            }
            try (ResultSet unknown = sql.executeQuery("select count(*) from " + dataset
                    + " where security_groups is null")) {
                unknown.next();
                long expected = alerts.stream().filter(a -> a.tasks.isEmpty()
                        || a.tasks.stream().allMatch(t -> t.securityGroups == null)).count();
                assertThat(unknown.getLong(1)).as("unknown groups stay null").isEqualTo(expected).isPositive();
            }
        }
        try (Stream<Path> files = Files.walk(parquet)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")))
                    .allMatch(name -> name.startsWith("alerts") && name.endsWith(".zstd.parquet"));
        }
    }

    @Test
    void theOcsfFormatWritesDetectionFindings() throws Exception {
        List<Alert> alerts = TestAlerts.incidents(3);
        Path json = out.resolve("ocsf");
        run(alerts, new AlertSinks(json.toString(), null, null, null, AlertSinks.Format.OCSF));

        List<String> lines = OutputFiles.lines(json);
        assertThat(lines).hasSize(alerts.size());
        Set<String> findings = new HashSet<>();
        for (String line : lines) {
            JsonNode finding = JSON.readTree(line);
            assertThat(finding.path("class_uid").asInt()).isEqualTo(2004);
            assertThat(finding.path("type_uid").asLong()).isEqualTo(200400 + finding.path("activity_id").asInt())
                    .isBetween(200401L, 200403L);
            findings.add(finding.path("finding_info").path("uid").asText() + " " + finding.path("activity_name")
                    .asText());
        }
        Set<String> expected = new HashSet<>();
        for (Alert alert : alerts) {
            expected.add(alert.id + " " + switch (alert.status) {
                case OPEN -> "Create";
                case UPDATED -> "Update";
                case CLOSED -> "Close";
            });
        }
        assertThat(findings).isEqualTo(expected);
    }

    @Test
    void theWriterFollowsTheContract() {
        assertThat(AlertParquet.SCHEMA.getName()).isEqualTo(AlertColumns.DATASET);
        assertThat(AlertParquet.SCHEMA.getFields()).extracting(f -> f.getName())
                .containsExactlyElementsOf(AlertColumns.names());
        assertThat(AlertParquet.SCHEMA.getType("start").isRepetition(
                org.apache.parquet.schema.Type.Repetition.REQUIRED)).isTrue();
        assertThat(AlertParquet.SCHEMA.getType("task_ids").asGroupType().getType(0).getName()).isEqualTo("list");
    }

    private static void run(List<Alert> alerts, AlertSinks sinks) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH); // a bounded run: the file sinks commit at the end
        env.setParallelism(2);
        sinks.alerts(env.fromData(alerts, TypeInformation.of(Alert.class)).name("alerts"));
        env.execute("alert file sinks");
    }
}
