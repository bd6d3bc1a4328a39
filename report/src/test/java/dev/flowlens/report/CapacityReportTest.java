package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity report of {@link CapacityScenario}, whose answers are worked out by hand. */
class CapacityReportTest {
    @TempDir
    Path dir;

    @Test
    void subnetRowsAreTheHandWorkedOnes() throws Exception {
        CapacityScenario.writeTo(dir);
        StringWriter csv = new StringWriter();
        CapacityRows.csv(CapacityScenario.report(dir), CapacityRows.Table.SUBNETS, csv);
        assertThat(csv.toString().split("\n")).containsExactlyElementsOf(CapacityScenario.SUBNET_CSV);
    }

    @Test
    void instanceRowsAreTheHandWorkedOnesAndOnlyTheUntrunkedC5IsEniBound() throws Exception {
        CapacityScenario.writeTo(dir);
        CapacityReport report = CapacityScenario.report(dir);
        StringWriter csv = new StringWriter();
        CapacityRows.csv(report, CapacityRows.Table.INSTANCES, csv);
        assertThat(csv.toString().split("\n")).containsExactlyElementsOf(CapacityScenario.INSTANCE_CSV);
        assertThat(report.instances()).filteredOn(i -> i.eniBound()).extracting(i -> i.instanceId)
                .containsExactly("i-01");
        assertThat(report.coverage()).isEqualTo(new CapacityReport.Coverage(6, 6, 2, 0, 0, 0, 1));
    }

    @Test
    void jsonHoldsBothTablesWithTheCsvsValues() throws Exception {
        CapacityScenario.writeTo(dir);
        StringWriter out = new StringWriter();
        CapacityRows.json(CapacityScenario.report(dir), out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("subnet-capacity")).hasSize(2);
        assertThat(json.get("subnet-capacity").get(0).get("days-to-exhaustion").asDouble()).isEqualTo(0.17);
        assertThat(json.get("subnet-capacity").get(1).get("days-to-exhaustion").isNull()).isTrue();
        JsonNode c5n = json.get("instance-eni-density").get(2);
        assertThat(c5n.get("branch-eni-limit").isNull()).isTrue();
        assertThat(c5n.get("trunking").asBoolean()).isFalse();
        assertThat(json.get("instance-eni-density").get(0).get("peak-memory-reserved").decimalValue())
                .isEqualByComparingTo("0.5333");
        assertThat(CapacityFormat.JSON.wroteIt(out.toString())).isTrue();
    }

    @Test
    void theColumnsAreTheSchemaDocsInItsOrder() throws Exception {
        String doc = Files.readString(Path.of("..", "schemas", "usage.md"));
        assertThat(documented(doc, "subnet-capacity")).isEqualTo(CapacityRows.SUBNET_FIELDS);
        assertThat(documented(doc, "instance-eni-density")).isEqualTo(CapacityRows.INSTANCE_FIELDS);
    }

    private static List<String> documented(String doc, String table) {
        String body = doc.substring(doc.indexOf("<!-- " + table + " -->"), doc.indexOf("<!-- /" + table + " -->"));
        List<String> fields = new java.util.ArrayList<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(body);
        while (row.find()) {
            fields.add(row.group(1));
        }
        return fields;
    }

    @Test
    void occupancyPeaksAreExactAtBucketEdges() {
        Occupancy o = new Occupancy();
        o.add(0, 10, 1);
        o.add(10, 20, 1); // starts when the first ends: never both
        o.add(15, Long.MAX_VALUE, 2);
        assertThat(o.peaks(0, 30, 10)).containsExactly(1, 3, 2);
        assertThat(o.peak(0, 30)).isEqualTo(3);
        assertThat(o.peaks(10, 15, 5)).containsExactly(1);
    }

    @Test
    void daysToExhaustionFollowsTheLeastSquaresLine() {
        assertThat(CapacityReport.daysToExhaustion(new long[] {5, 6, 7}, 11)).isEqualTo(0.17);
        assertThat(CapacityReport.daysToExhaustion(new long[] {10, 10}, 11)).isNull();
        assertThat(CapacityReport.daysToExhaustion(new long[] {10}, 11)).isNull();
        assertThat(CapacityReport.daysToExhaustion(new long[] {2, 14}, 11)).isEqualTo(0.0); // already past full
    }

    @Test
    void theShippedTrunkingTableHasItsSourceAndTheDocumentedValues() throws Exception {
        TrunkingLimits limits = TrunkingLimits.shipped();
        assertThat(limits.branchEniLimit("c5.large")).isEqualTo(10); // the guide's own example
        assertThat(limits.branchEniLimit("m5.xlarge")).isEqualTo(20);
        assertThat(limits.branchEniLimit("c5.2xlarge")).isEqualTo(40);
        assertThat(limits.branchEniLimit("c5n.large")).isNull();
        String text = new String(TrunkingLimits.class.getResourceAsStream(TrunkingLimits.RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("eni-trunking-supported-instance-types")
                .contains("021abe8ca185a054dea7bab21e631f9461e05bd6")
                .contains("2026-12-02");
    }

    @Test
    void aMalformedExportIsOneSentenceNamingTheFile() throws Exception {
        CapacityScenario.writeTo(dir);
        Files.writeString(dir.resolve("subnets.json"), "{\"Subnets\": [{\"SubnetId\": \"subnet-a\", \"CidrBlock\":"
                + " \"10.1.0.0/33\", \"AvailableIpAddressCount\": 1}]}");
        assertThatThrownBy(() -> CapacityScenario.report(dir)).isInstanceOf(CapacityInputs.InvalidExportException.class)
                .hasMessageContaining("--subnets '").hasMessageContaining("Subnets[0] CidrBlock '10.1.0.0/33'");
        Files.writeString(dir.resolve("events.jsonl"), "{\"detail-type\": \"ECS Task State Change\"\n");
        assertThatThrownBy(() -> CapacityScenario.report(dir)).hasMessageStartingWith("--events '")
                .hasMessageContaining("line 1 is not JSON");
    }

    @Test
    void anArrayOfEventsReadsAsTheLines() throws Exception {
        CapacityScenario.writeTo(dir);
        List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
        Files.writeString(dir.resolve("events.jsonl"), "  [" + String.join(",\n", lines) + "]");
        StringWriter csv = new StringWriter();
        CapacityRows.csv(CapacityScenario.report(dir), CapacityRows.Table.SUBNETS, csv);
        assertThat(csv.toString().split("\n")).containsExactlyElementsOf(CapacityScenario.SUBNET_CSV);
    }
}
