package dev.flowlens.detect;

import static dev.flowlens.detect.DetectionHarness.DAY;
import static dev.flowlens.detect.DetectionHarness.HOUR;
import static dev.flowlens.detect.DetectionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnusualPortDetectorTest {
    private static final AlertKind KIND = AlertKind.UNUSUAL_PORT;
    private final TaskIdentity a = DetectionHarness.task("a1", "worker", 11);
    private final TaskIdentity b = DetectionHarness.task("b1", "worker", 12);

    private void learn(DetectionHarness h, long from, long until, TaskIdentity... tasks) {
        for (long t = from; t < until; t += 300) {
            for (TaskIdentity task : tasks) {
                h.flow(h.egress(task, "203.0.113.10", 443, t, 4000));
                h.flow(h.egress(task, "203.0.113.53", 53, t, 200));
            }
            h.time(t + 60);
        }
    }

    @Test
    void aPortTheServiceNeverUsedAlertsAfterTheWarmUpPerTask() {
        DetectionHarness h = new DetectionHarness();
        learn(h, T0, T0 + 2 * HOUR, a, b);
        h.flow(h.egress(a, "198.51.100.9", 8443, T0 + 2 * HOUR, 3000));
        h.flow(h.egress(a, "198.51.100.9", 8443, T0 + 2 * HOUR + 60, 3000));
        // the pair is suspect while its alert is open: the other task using it is named too, in its own alert
        h.flow(h.egress(b, "198.51.100.10", 8443, T0 + 2 * HOUR + 120, 3000));
        h.time(T0 + 2 * HOUR + 300);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).extracting(alert -> alert.tasks.get(0).taskId).containsExactly("a1", "b1");
        assertThat(opened.get(0).severity).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(opened.get(0).peer.port).isEqualTo(8443);
        assertThat(opened.get(0).explanation).contains("TCP port 8443", "198.51.100.9", "2 pairs it knows");
    }

    @Test
    void watchedPortsAlertAtHighSeverityEvenDuringTheWarmUpAndOtherMiningPortsToo() {
        DetectionHarness h = new DetectionHarness();
        learn(h, T0, T0 + 600, a, b);
        h.flow(h.egress(a, "192.0.2.77", 14444, T0 + 600, 400_000)); // a mining pool on another port
        h.flow(h.egress(b, "192.0.2.80", 22, T0 + 900, 4000)); // SSH out, rejected or not
        h.time(T0 + 1200);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(2).allMatch(alert -> alert.severity == AlertSeverity.HIGH);
        assertThat(opened.get(0).explanation).contains("port 14444", "mining-pool");
        assertThat(opened.get(1).explanation).contains("port 22", "SSH");
        assertThat(opened.get(0).suggestedResponse).contains("network ACL");
    }

    @Test
    void portsInTheBaselineDeploymentsAndInboundConnectionsDoNotAlert() {
        DetectionHarness h = new DetectionHarness();
        learn(h, T0, T0 + 2 * HOUR, a, b);
        TaskIdentity c = DetectionHarness.task("c2", "worker", 11); // the deployment's new tasks, reused address
        TaskIdentity d = DetectionHarness.task("d2", "worker", 13);
        learn(h, T0 + 2 * HOUR, T0 + 4 * HOUR, c, d);
        h.flow(h.ingress(c, "203.0.113.200", 22, T0 + 4 * HOUR)); // the internet knocking on SSH
        h.flow(h.egress(c, "198.51.100.9", 50_123, T0 + 4 * HOUR, 3000)); // an unwatched ephemeral-range port
        h.time(T0 + 5 * HOUR);
        assertThat(h.opened(KIND)).isEmpty();
    }

    @Test
    void aWatchedPortInTheBaselineAlertsOnlyTheFirstTimeAndStateReturnsToEmpty() {
        DetectionHarness h = new DetectionHarness();
        h.flow(h.egress(a, "192.0.2.80", 22, T0, 4000)); // the service's git-over-SSH dependency
        h.time(T0 + 2 * HOUR); // its alert closes; the port stays in the baseline
        h.flow(h.egress(b, "192.0.2.80", 22, T0 + 2 * HOUR, 4000));
        h.time(T0 + 2 * HOUR + 60);
        assertThat(h.opened(KIND)).hasSize(1);
        h.time(T0 + 2 * HOUR + 7 * DAY + 60);
        assertThat(h.detection.isEmpty(h.state)).isTrue();
    }
}
