package dev.flowlens.schemas.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.MarkdownTables;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.alert.AlertTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertColumnsTest {

    @Test
    void alertMdDocumentsExactlyTheContractsColumns() throws Exception {
        List<String> documented = new ArrayList<>();
        for (List<String> row : MarkdownTables.rows(Path.of("alert.md"), "alert-columns")) {
            documented.add(MarkdownTables.code(row.get(0)) + " | " + row.get(1) + " | " + row.get(2) + " | "
                    + row.get(3));
        }
        List<String> declared = new ArrayList<>();
        for (AlertColumn column : AlertColumns.ALL) {
            declared.add(column.name() + " | " + column.type() + " | " + (column.nullable() ? "yes" : "no") + " | "
                    + column.meaning());
        }
        assertThat(documented).as("rows of the alert-columns table in schemas/alert.md")
                .containsExactlyElementsOf(declared);
    }

    @Test
    void namesAreUniqueAndUnderscored() {
        List<String> names = AlertColumns.names();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(name -> name.matches("[a-z][a-z_]*"));
        assertThat(names.subList(0, 6)).containsExactly("id", "kind", "severity", "status", "start", "end");
    }

    @Test
    void everyValueOfAFullAlertIsOfItsColumnsJavaType() {
        Alert alert = alert();
        for (AlertColumn column : AlertColumns.ALL) {
            assertThat(column.value().apply(alert)).as(column.name()).isNotNull()
                    .isInstanceOf(column.type().javaType());
        }
    }

    @Test
    void requiredColumnsHaveValuesEvenInAnEmptyAlert() {
        Alert empty = new Alert();
        empty.tasks = null;
        empty.evidence = null;
        for (AlertColumn column : AlertColumns.ALL) {
            Object value = column.value().apply(empty);
            if (!column.nullable()) {
                assertThat(value).as(column.name()).isNotNull().isInstanceOf(column.type().javaType());
            }
        }
        assertThat(value("task_ids", empty)).isEqualTo(List.of());
        assertThat(value("security_groups", empty)).as("no task: no groups known").isNull();
        assertThat(value("peer_address", empty)).isNull();
        assertThat(value("flows", empty)).isEqualTo(0L);
    }

    @Test
    void tasksAreAlignedListsAndGroupsAreTheUnionOfTheKnownOnes() {
        Alert alert = alert();
        assertThat(value("task_ids", alert)).isEqualTo(List.of("t1", "t2"));
        assertThat(value("task_arns", alert)).isEqualTo(Arrays.asList("arn:aws:ecs:eu-west-1:1:task/prod/t1", null));
        assertThat(value("eni_ids", alert)).isEqualTo(Arrays.asList("eni-1", "eni-2"));
        assertThat(value("security_groups", alert)).isEqualTo(List.of("sg-1", "sg-2", "sg-3"));
        alert.tasks.forEach(task -> task.securityGroups = null);
        assertThat(value("security_groups", alert)).as("unknown for every task").isNull();
        alert.tasks.get(0).securityGroups = new ArrayList<>();
        assertThat(value("security_groups", alert)).as("known: none").isEqualTo(List.of());
    }

    @Test
    void enumsAreWireNamesAndNoThreatListIsNull() {
        Alert alert = alert();
        assertThat(value("kind", alert)).isEqualTo("port-scan");
        assertThat(value("severity", alert)).isEqualTo("high");
        assertThat(value("status", alert)).isEqualTo("closed");
        assertThat(value("peer_class", alert)).isEqualTo("same-vpc");
        assertThat(value("peer_threat_lists", alert)).isEqualTo(List.of("deny"));
        alert.peer.threatLists.clear();
        assertThat(value("peer_threat_lists", alert)).isNull();
    }

    private static Object value(String name, Alert alert) {
        for (AlertColumn column : AlertColumns.ALL) {
            if (column.name().equals(name)) {
                return column.value().apply(alert);
            }
        }
        throw new AssertionError("no column " + name);
    }

    /** Every field set, so that every column has a value. */
    private static Alert alert() {
        Alert alert = new Alert();
        alert.id = "port-scan/api/t1/1714986720";
        alert.kind = AlertKind.PORT_SCAN;
        alert.severity = AlertSeverity.HIGH;
        alert.status = AlertStatus.CLOSED;
        alert.start = 1_714_986_720L;
        alert.end = 1_714_986_900L;
        alert.accountId = "1";
        alert.region = "eu-west-1";
        alert.cluster = "prod";
        alert.service = "api";
        AlertTask task = new AlertTask();
        task.taskArn = "arn:aws:ecs:eu-west-1:1:task/prod/t1";
        task.taskId = "t1";
        task.taskDefinition = "api:3";
        task.eniId = "eni-1";
        task.address = "10.0.1.5";
        task.securityGroups = new ArrayList<>(List.of("sg-1", "sg-2"));
        AlertTask other = new AlertTask();
        other.taskId = "t2";
        other.eniId = "eni-2";
        other.securityGroups = new ArrayList<>(List.of("sg-2", "sg-3"));
        alert.tasks = new ArrayList<>(List.of(task, other));
        AlertPeer peer = new AlertPeer();
        peer.address = "10.0.2.9";
        peer.port = 22;
        peer.protocol = 6;
        peer.peerClass = PeerClass.SAME_VPC;
        peer.threatLists = new ArrayList<>(List.of("deny"));
        alert.peer = peer;
        alert.evidence.flows = 100;
        alert.evidence.samples = new ArrayList<>(List.of("1714986720 10.0.1.5:40000 > 10.0.2.9:22 6 REJECT 1 40"));
        alert.explanation = "Task t1 of api reached 100 ports on 10.0.2.9.";
        alert.suggestedResponse = "Stop the task.";
        return alert;
    }
}
