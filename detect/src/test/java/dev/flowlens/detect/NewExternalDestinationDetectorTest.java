package dev.flowlens.detect;

import static dev.flowlens.detect.DetectionHarness.HOUR;
import static dev.flowlens.detect.DetectionHarness.DAY;
import static dev.flowlens.detect.DetectionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.testkit.EnrichedFlows;
import dev.flowlens.testkit.Flows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewExternalDestinationDetectorTest {
    private static final AlertKind KIND = AlertKind.NEW_EXTERNAL_DESTINATION;
    private final TaskIdentity a = DetectionHarness.task("a1", "web", 11);
    private final TaskIdentity b = DetectionHarness.task("b1", "web", 12);

    /** Two hours of the service's usual dependencies (two API prefixes), every ten minutes from each task. */
    private void learn(DetectionHarness h, TaskIdentity... tasks) {
        for (long t = T0; t < T0 + 2 * HOUR; t += 600) {
            for (TaskIdentity task : tasks) {
                h.flow(h.egress(task, "203.0.113.10", 443, t, 4000));
                h.flow(h.egress(task, "198.51.100.20", 443, t, 4000));
            }
            h.time(t + 60);
        }
    }

    @Test
    void aNewPrefixAfterTheWarmUpOpensOneAlertNamingEveryTaskThatUsesIt() {
        DetectionHarness h = new DetectionHarness();
        learn(h, a, b);
        long t = T0 + 2 * HOUR;
        h.flow(h.egress(a, "192.0.2.44", 8080, t, 9000));
        h.flow(h.egress(b, "192.0.2.45", 8080, t + 300, 9000));
        h.time(t + 20 * 60);

        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(1);
        Alert latest = h.latest(opened.get(0).id);
        assertThat(latest.severity).isEqualTo(AlertSeverity.LOW);
        assertThat(h.taskIds(latest)).containsExactly("a1", "b1");
        assertThat(latest.peer.address).isEqualTo("192.0.2.0/24"); // two addresses of the prefix
        assertThat(opened.get(0).explanation).contains("192.0.2.44:8080", "192.0.2.0/24", "2 prefixes known");

        // a dependency alerts once: after the incident closed, the prefix is part of the baseline
        h.time(t + 2 * HOUR);
        assertThat(h.latest(opened.get(0).id).status).isEqualTo(AlertStatus.CLOSED);
        h.flow(h.egress(a, "192.0.2.44", 8080, t + 3 * HOUR, 9000));
        assertThat(h.opened(KIND)).hasSize(1);
    }

    @Test
    void ipv6PeersAreJudgedBySlash64() {
        assertThat(AddressBlocks.prefixOf("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(AddressBlocks.prefixOf("198.51.100.77")).isEqualTo("198.51.100.0/24");
        assertThat(AddressBlocks.prefixOf("not-an-address")).isNull();
    }

    @Test
    void aNewAddressInAPrefixPinnedToAFewAddressesIsNewButNotInOneOfManyAddresses() {
        DetectionHarness h = new DetectionHarness(DetectionSettings.defaults().withWarmUp(Duration.ofMinutes(30)));
        for (int round = 0; round < 5; round++) { // an established dependency: over a hundred connections
            learn(h, a, b);
        }
        for (int i = 0; i < 40; i++) { // a CDN: the service reaches ever other addresses of 192.0.2.0/24
            h.flow(h.egress(a, "192.0.2." + (100 + i), 443, T0 + 10 * 60 + i * 20L, 4000));
        }
        long t = T0 + 3 * HOUR;
        h.flow(h.egress(b, "192.0.2.250", 443, t, 4000));
        h.flow(h.egress(b, "203.0.113.99", 443, t, 4000));
        h.time(t + HOUR);
        assertThat(h.opened(KIND)).singleElement().satisfies(alert -> {
            assertThat(alert.peer.address).isEqualTo("203.0.113.99");
            assertThat(alert.explanation).contains("a new address in 203.0.113.0/24").contains("only 1 address");
        });
    }

    @Test
    void learningTasksReplacedByADeploymentAwsServicesAllowListsAndInboundPeersDoNotAlert() {
        DetectionSettings defaults = DetectionSettings.defaults();
        DetectionSettings allowing = defaults.withNewExternalDestination(new NewExternalDestinationDetector.Settings(
                Duration.ofDays(7), 2000, List.of("100.64.0.0/16"), Duration.ofMinutes(30)));
        DetectionHarness h = new DetectionHarness(allowing);
        h.flow(h.egress(a, "192.0.2.1", 443, T0, 1000)); // during the warm-up: learned, not judged
        learn(h, a, b);
        long t = T0 + 2 * HOUR;
        TaskIdentity replacement = DetectionHarness.task("c2", "web", 11); // a new task on a reused address
        h.flow(h.egress(replacement, "203.0.113.10", 443, t, 4000));
        h.flow(h.egress(replacement, "192.0.2.1", 443, t, 4000));
        EnrichedFlow s3 = EnrichedFlows.enriched(Flows.flow().from(replacement.privateIpv4).srcPort(41_000)
                .to("52.216.8.21").port(443).at(t).build()).srcTask(replacement).dstAwsService("S3").build();
        h.flow(TaskFlow.sides(s3).get(0));
        h.flow(h.egress(replacement, "100.64.3.3", 443, t, 4000));
        h.flow(h.ingress(replacement, "233.252.0.9", 443, t));
        h.time(t + HOUR);
        assertThat(h.opened(KIND)).isEmpty();
    }

    @Test
    void theBaselineExpiresAfterItsRetentionSoTheStateReturnsToEmpty() {
        DetectionHarness h = new DetectionHarness();
        learn(h, a);
        h.flow(h.egress(a, "192.0.2.44", 8080, T0 + 2 * HOUR, 9000));
        assertThat(h.detection.isEmpty(h.state)).isFalse();
        h.time(T0 + 2 * HOUR + 7 * DAY + 60);
        assertThat(h.detection.isEmpty(h.state)).isTrue();
    }

    @Test
    void aBadAllowListEntryIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new NewExternalDestinationDetector.Settings(Duration.ofDays(1), 10,
                List.of("10.0.0.0/33"), Duration.ofMinutes(1)))
                .hasMessageContaining("detection.new-external-destination.allowed-cidrs")
                .hasMessageContaining("10.0.0.0/33");
    }
}
