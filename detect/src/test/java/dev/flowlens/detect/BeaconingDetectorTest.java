package dev.flowlens.detect;

import static dev.flowlens.detect.DetectionHarness.DAY;
import static dev.flowlens.detect.DetectionHarness.HOUR;
import static dev.flowlens.detect.DetectionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeaconingDetectorTest {
    private static final AlertKind KIND = AlertKind.BEACONING;
    private final List<TaskIdentity> tasks = new ArrayList<>();

    BeaconingDetectorTest() {
        for (int i = 0; i < 6; i++) {
            tasks.add(DetectionHarness.task("t" + i, "api", 20 + i));
        }
    }

    /** Every task's ordinary traffic: a few irregular calls to a shared API, as random as requests are. */
    private void background(DetectionHarness h, Random random, long from, long until) {
        for (long t = from; t < until; t += 60) {
            for (TaskIdentity task : tasks) {
                if (random.nextInt(3) == 0) {
                    h.flow(h.egress(task, "203.0.113.10", 443, t + random.nextInt(50), 3000));
                }
            }
            h.time(t + 60);
        }
    }

    /** {@code task} connects to {@code peer} every {@code period} s, each interval off by up to ±jitter. */
    private void beacon(DetectionHarness h, TaskIdentity task, String peer, long period, double jitter, long from,
            long until, Random random) {
        for (long t = from; t < until; t += Math.round(period * (1 + jitter * (2 * random.nextDouble() - 1)))) {
            h.flow(h.egress(task, peer, 8443, t, 600));
            h.time(t);
        }
    }

    @Test
    void aJitteredBeaconFromOneTaskOpensOneAlertForTheTaskAndPeer() {
        Random random = new Random(7);
        DetectionHarness h = new DetectionHarness();
        background(h, random, T0, T0 + HOUR);
        beacon(h, tasks.get(2), "192.0.2.99", 300, 0.3, T0 + HOUR, T0 + 3 * HOUR, random);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(1);
        Alert alert = opened.get(0);
        assertThat(h.taskIds(alert)).containsExactly("t2");
        assertThat(alert.peer.address).isEqualTo("192.0.2.99");
        assertThat(alert.peer.port).isEqualTo(8443);
        assertThat(alert.explanation).contains("192.0.2.99:8443", "6 times", "1 of the service's 6");
        assertThat(h.latest(alert.id).evidence.flows).isGreaterThan(6);
    }

    @Test
    void aSlowBeaconEveryHalfHourIsCaught() {
        Random random = new Random(11);
        DetectionHarness h = new DetectionHarness();
        beacon(h, tasks.get(0), "198.51.100.5", 1800, 0.25, T0, T0 + 5 * HOUR, random);
        assertThat(h.opened(KIND)).hasSize(1);
    }

    @Test
    void aDependencyEveryTaskPollsOnATimerIrregularTrafficAndALongConnectionAreNotBeacons() {
        Random random = new Random(3);
        DetectionHarness h = new DetectionHarness();
        for (long t = T0; t < T0 + 3 * HOUR; t += 60) {
            for (TaskIdentity task : tasks) {
                h.flow(h.egress(task, "203.0.113.80", 443, t, 900)); // every task polls it each minute
            }
            // one task's requests to another API come as a Poisson process: irregular
            if (random.nextDouble() < 0.2) {
                h.flow(h.egress(tasks.get(1), "203.0.113.25", 443, t, 900));
            }
            // one long connection reports a record every window with the same port
            h.flow(h.egressFrom(tasks.get(3), 45_000, "198.51.100.200", 443, t, 900));
            h.time(t + 60);
        }
        assertThat(h.opened(KIND)).isEmpty();
    }

    @Test
    void theAlertClosesAndPairsExpireWhenTheBeaconStops() {
        Random random = new Random(5);
        DetectionHarness h = new DetectionHarness();
        beacon(h, tasks.get(4), "192.0.2.99", 120, 0.1, T0, T0 + HOUR, random);
        Alert alert = h.opened(KIND).get(0);
        h.time(T0 + 12 * HOUR);
        assertThat(h.latest(alert.id).status).isEqualTo(AlertStatus.CLOSED);
        assertThat(h.state.beaconing.pairs).isEmpty(); // the pair TTL (5 h) has passed
        assertThat(h.state.beaconing.taskLastSeen).isEmpty();
        h.time(T0 + 8 * DAY); // and the other baselines' retention
        assertThat(h.detection.isEmpty(h.state)).isTrue();
    }
}
