package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage report over a generated dataset whose answers {@link UsageScenario} knows, compared exactly. */
class UsageQueryTest {
    @TempDir
    static Path dir;
    static UsageScenario scenario;
    static UsageReport report;

    @BeforeAll
    static void aggregate() throws Exception {
        scenario = new UsageScenario();
        scenario.writeTo(dir.resolve("dataset"));
        report = new UsageQuery(dir.resolve("dataset")).run(UsageScenario.PERIOD, Prices.defaults(), 10);
    }

    @Test
    void theDatasetIsHivePartitionedAsTheJobsWriteIt() throws Exception {
        assertThat(dir.resolve("dataset/dt=2026-05-01/hour=10")).isDirectory();
        assertThat(dir.resolve("dataset/dt=2026-05-01/hour=09")).isDirectory();
        assertThat(dir.resolve("dataset/dt=unknown/hour=unknown")).isDirectory();
    }

    @Test
    void csvRowsAreExactlyTheScenariosSums() throws Exception {
        StringWriter csv = new StringWriter();
        UsageRows.csv(report.rows(), csv);
        List<String> lines = Arrays.asList(csv.toString().split("\n"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", UsageRows.FIELDS));
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(scenario.expectedCsvLines());
    }

    @Test
    void jsonRowsAreTheCsvRows() throws Exception {
        StringWriter json = new StringWriter();
        UsageRows.json(report.rows(), json);
        JsonNode rows = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(json.toString());
        List<String> asCsv = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> fields = new ArrayList<>();
            for (String field : UsageRows.FIELDS) {
                assertThat(row.has(field)).as(field).isTrue();
                JsonNode value = row.get(field);
                fields.add(value.isNull() ? "" : value.isBigDecimal() ? value.decimalValue().stripTrailingZeros().toPlainString()
                        : value.asText());
            }
            assertThat(row.size()).isEqualTo(UsageRows.FIELDS.size());
            asCsv.add(String.join(",", fields));
        }
        // the cost is a number in JSON: compare it as one
        List<String> expected = new ArrayList<>();
        for (String line : scenario.expectedCsvLines()) {
            int cut = line.lastIndexOf(',');
            expected.add(line.substring(0, cut + 1) + new java.math.BigDecimal(line.substring(cut + 1))
                    .stripTrailingZeros().toPlainString());
        }
        assertThat(asCsv).containsExactlyElementsOf(expected);
        assertThat(json.toString()).doesNotContain("E-"); // plain decimals, as in the CSV
    }

    @Test
    void everyRecordOfThePeriodIsCountedOrLeftOutForAReason() {
        UsageReport.Coverage coverage = report.coverage();
        assertThat(coverage.records()).isEqualTo(scenario.records);
        assertThat(coverage.withoutData()).isEqualTo(scenario.withoutData);
        assertThat(coverage.rejected()).isEqualTo(scenario.rejected);
        assertThat(coverage.notRecordedByTask()).isEqualTo(scenario.notRecordedByTask);
        assertThat(coverage.withoutPeer()).isZero();
        assertThat(coverage.counted()).isEqualTo(scenario.counted());
        assertThat(coverage.counted() + coverage.withoutData() + coverage.rejected() + coverage.notRecordedByTask()
                + coverage.withoutPeer()).isEqualTo(coverage.records());
    }

    @Test
    void hourlyTrendSplitsTheHoursOfThePeriod() {
        long webOutFirstHour = 0;
        long webOutSecondHour = 0;
        for (UsageScenario.Contribution c : scenario.contributions) {
            // the scenario's second-hour flows are the NAT ones
            if ("web".equals(c.service()) && c.direction().equals("out")) {
                if (c.natBytes() > 0) {
                    webOutSecondHour += c.bytes();
                } else {
                    webOutFirstHour += c.bytes();
                }
            }
        }
        assertThat(report.hourly()).filteredOn(h -> "web".equals(h.service()) && h.direction().equals("out"))
                .extracting(UsageReport.HourlyUsage::hourStart, UsageReport.HourlyUsage::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UsageScenario.T, webOutFirstHour),
                        org.assertj.core.groups.Tuple.tuple(UsageScenario.T + 3600, webOutSecondHour));
    }

    @Test
    void topDestinationsAreTheInternetPeersByBytes() {
        assertThat(report.destinations()).filteredOn(d -> "web".equals(d.service()))
                .extracting(UsageReport.ExternalDestination::address, UsageReport.ExternalDestination::bytesOut,
                        UsageReport.ExternalDestination::bytesIn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("198.51.100.7", 300_000_000L, 60_000L),
                        org.assertj.core.groups.Tuple.tuple("203.0.113.5", 5_000_500L, 100_000L));
        UsageReport top1 = run(1);
        assertThat(top1.destinations()).extracting(UsageReport.ExternalDestination::address)
                .containsExactly("198.51.100.7");
    }

    @Test
    void theSpanIsTheHoursOfTheDatasetsFlows() throws Exception {
        assertThat(new UsageQuery(dir.resolve("dataset")).span())
                .isEqualTo(new Period(UsageScenario.T - 3600, UsageScenario.T + 3 * 3600));
    }

    @Test
    void aPeriodWithoutFlowsHasNoRows() throws Exception {
        UsageReport empty = new UsageQuery(dir.resolve("dataset")).run(
                new Period(UsageScenario.T + 86_400, UsageScenario.T + 90_000), Prices.defaults(), 10);
        assertThat(empty.rows()).isEmpty();
        assertThat(empty.coverage().records()).isZero();
    }

    @Test
    void theSchemaDocumentListsTheCsvHeader() throws Exception {
        String doc = Files.readString(Path.of("..", "schemas", "usage.md"));
        String table = doc.substring(doc.indexOf("<!-- service-usage -->"), doc.indexOf("<!-- /service-usage -->"));
        List<String> fields = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(table);
        while (row.find()) {
            fields.add(row.group(1));
        }
        assertThat(UsageRows.FIELDS).containsExactlyElementsOf(fields);
    }

    private static UsageReport run(int top) {
        try {
            return new UsageQuery(dir.resolve("dataset")).run(UsageScenario.PERIOD, Prices.defaults(), top);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
