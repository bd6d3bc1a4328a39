package dev.flowlens.schemas.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTypesTest {

    @Test
    void kindWireNamesAreUniqueKebabCaseAndReadBack() {
        Set<String> names = new HashSet<>();
        for (AlertKind kind : AlertKind.values()) {
            assertThat(kind.wireName()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(names.add(kind.wireName())).as(kind.wireName()).isTrue();
            assertThat(AlertKind.fromWireName(kind.wireName())).isSameAs(kind);
        }
        assertThatThrownBy(() -> AlertKind.fromWireName("PORT_SCAN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port-scan");
    }

    @Test
    void severityAndStatusReadBackTheirWireNames() {
        for (AlertSeverity severity : AlertSeverity.values()) {
            assertThat(AlertSeverity.fromWireName(severity.wireName())).isSameAs(severity);
        }
        for (AlertStatus status : AlertStatus.values()) {
            assertThat(AlertStatus.fromWireName(status.wireName())).isSameAs(status);
        }
        assertThatThrownBy(() -> AlertStatus.fromWireName("OPEN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSampleIsOneLineWithDashesForAbsentFields() {
        FlowRecord record = new FlowRecord();
        record.start = 1_714_986_720L;
        record.srcAddr = "10.0.1.5";
        record.srcPort = 49152;
        record.dstAddr = "192.0.2.200";
        record.dstPort = 443;
        record.protocol = 6;
        record.action = "ACCEPT";
        record.packets = 150_000L;
        assertThat(AlertEvidence.sample(record))
                .isEqualTo("1714986720 10.0.1.5:49152 > 192.0.2.200:443 6 ACCEPT 150000 -");
    }

    @Test
    void samplesStopAtTheBound() {
        AlertEvidence evidence = new AlertEvidence();
        for (int i = 0; i < AlertEvidence.MAX_SAMPLES; i++) {
            assertThat(evidence.addSample(new FlowRecord())).isTrue();
        }
        assertThat(evidence.addSample(new FlowRecord())).isFalse();
        assertThat(evidence.samples).hasSize(AlertEvidence.MAX_SAMPLES);
    }

    @Test
    void anAlertTaskCopiesTheTasksGroups() {
        TaskIdentity identity = new TaskIdentity();
        identity.taskArn = "arn";
        identity.taskId = "t1";
        identity.taskDefinition = "api:3";
        identity.eniId = "eni-1";
        identity.securityGroups = new java.util.ArrayList<>(List.of("sg-1"));
        AlertTask task = AlertTask.of(identity, "10.0.1.5");
        identity.securityGroups.add("sg-2");
        assertThat(task.taskArn).isEqualTo("arn");
        assertThat(task.taskId).isEqualTo("t1");
        assertThat(task.taskDefinition).isEqualTo("api:3");
        assertThat(task.eniId).isEqualTo("eni-1");
        assertThat(task.address).isEqualTo("10.0.1.5");
        assertThat(task.securityGroups).isEqualTo(List.of("sg-1"));
    }
}
