package dev.flowlens.detect;

import static dev.flowlens.detect.DetectionHarness.DAY;
import static dev.flowlens.detect.DetectionHarness.HOUR;
import static dev.flowlens.detect.DetectionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongBiFunction;
import org.junit.jupiter.api.Test;

class ExfiltrationDetectorTest {
    private static final AlertKind KIND = AlertKind.EXFILTRATION;
    private static final long MB = 1_000_000;
    private final Random random = new Random(42);

    private static List<TaskIdentity> tasks(String prefix, int count, int firstHost) {
        List<TaskIdentity> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(DetectionHarness.task(prefix + i, "uploader", firstHost + i));
        }
        return tasks;
    }

    /** One flow a minute per task to a shared API, {@code bytes(task index, minute start)} big, ±20%. */
    private void run(DetectionHarness h, List<TaskIdentity> tasks, long from, long until,
            ToLongBiFunction<Integer, Long> bytes) {
        for (long t = from; t < until; t += 60) {
            for (int i = 0; i < tasks.size(); i++) {
                long usual = bytes.applyAsLong(i, t);
                if (usual > 0) {
                    h.flow(h.egress(tasks.get(i), "203.0.113.10", 443, t,
                            Math.round(usual * (0.8 + 0.4 * random.nextDouble()))));
                }
            }
            h.time(t + 60);
        }
    }

    @Test
    void aBurstFromOneTaskAlertsNamingTheTaskThePeerAndTheNumbers() {
        DetectionHarness h = new DetectionHarness();
        List<TaskIdentity> tasks = tasks("t", 4, 20);
        run(h, tasks, T0, T0 + 3 * HOUR, (i, t) -> 2 * MB);
        long at = T0 + 3 * HOUR;
        for (long t = at; t < at + 600; t += 60) {
            h.flow(h.egress(tasks.get(1), "192.0.2.200", 443, t, 100 * MB));
        }
        run(h, tasks, at, at + HOUR, (i, t) -> 2 * MB);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(1);
        Alert alert = h.latest(opened.get(0).id);
        assertThat(h.taskIds(alert)).containsExactly("t1");
        assertThat(alert.peer.address).isEqualTo("192.0.2.200");
        assertThat(alert.evidence.bytes).isGreaterThanOrEqualTo(1000 * MB);
        assertThat(opened.get(0).explanation).startsWith("Task t1 of service uploader sent ")
                .contains("in 5 min", "× a task's usual", "mostly to 192.0.2.200");
    }

    @Test
    void aModerateExcessSpreadOverHoursIsCaughtOnTheHorizon() {
        DetectionHarness h = new DetectionHarness();
        List<TaskIdentity> tasks = tasks("t", 4, 20);
        run(h, tasks, T0, T0 + 4 * HOUR, (i, t) -> 2 * MB);
        // task 3 sends 3.5 times its usual for three hours: under the bucket's 5×, over the horizon's 3×
        run(h, tasks, T0 + 4 * HOUR, T0 + 7 * HOUR, (i, t) -> i == 3 ? 7 * MB : 2 * MB);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(1);
        assertThat(h.taskIds(opened.get(0))).containsExactly("t3");
        assertThat(opened.get(0).explanation).contains("in 1 h");
    }

    @Test
    void exfiltrationSpreadOverManyTasksAlertsOnTheService() {
        DetectionHarness h = new DetectionHarness();
        List<TaskIdentity> tasks = tasks("t", 10, 20);
        // one leader task sends much, nine little: a task's usual varies widely, the service's total does not
        ToLongBiFunction<Integer, Long> usual = (i, t) -> i == 0 ? 8 * MB : MB / 5;
        run(h, tasks, T0, T0 + 3 * HOUR, usual);
        run(h, tasks, T0 + 3 * HOUR, T0 + 4 * HOUR, (i, t) -> i == 0 ? 8 * MB : 5 * MB);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(1);
        Alert alert = h.latest(opened.get(0).id);
        assertThat(alert.tasks).hasSizeGreaterThan(5);
        assertThat(opened.get(0).explanation).startsWith("The 10 tasks of service uploader together sent");
    }

    @Test
    void beforeTheWarmUpATaskFarAboveItsSiblingsAlerts() {
        DetectionHarness h = new DetectionHarness(DetectionSettings.defaults().withWarmUp(Duration.ofMinutes(30)));
        List<TaskIdentity> tasks = tasks("t", 5, 20);
        run(h, tasks, T0, T0 + 20 * 60, (i, t) -> i == 4 && t >= T0 + 600 ? 60 * MB : MB);
        List<Alert> opened = h.opened(KIND);
        assertThat(opened).hasSize(1);
        assertThat(h.taskIds(opened.get(0))).containsExactly("t4");
        assertThat(opened.get(0).explanation).contains("of its 4 sibling tasks");
    }

    @Test
    void diurnalVolumeADeploymentReplacingEveryTaskAndSmallServicesDoNotAlert() {
        DetectionHarness h = new DetectionHarness();
        List<TaskIdentity> before = tasks("old", 4, 20);
        List<TaskIdentity> after = tasks("new", 4, 20); // the same addresses, reused
        ToLongBiFunction<Integer, Long> diurnal = (i, t) -> Math.round(3 * MB
                * (1 + 0.7 * Math.sin(2 * Math.PI * ((t - T0) % DAY) / DAY)));
        run(h, before, T0, T0 + 36 * HOUR, diurnal);
        run(h, after, T0 + 36 * HOUR, T0 + 60 * HOUR, diurnal);
        assertThat(h.opened(KIND)).isEmpty();

        // a small service whose volume jumps 50× but stays under the minimum volume
        DetectionHarness small = new DetectionHarness();
        List<TaskIdentity> one = tasks("s", 2, 30);
        run(small, one, T0, T0 + 3 * HOUR, (i, t) -> t < T0 + 2 * HOUR ? 2_000 : 100_000);
        assertThat(small.opened(KIND)).isEmpty();
    }

    @Test
    void bucketsHistoriesAndBaselinesAreDroppedAfterTheRetention() {
        DetectionHarness h = new DetectionHarness();
        run(h, tasks("t", 3, 20), T0, T0 + 2 * HOUR, (i, t) -> MB);
        assertThat(h.state.exfiltration.taskBucket.samples).isPositive();
        h.time(T0 + 2 * HOUR + 2 * HOUR);
        assertThat(h.state.exfiltration.open).isEmpty();
        assertThat(h.state.exfiltration.taskHistory).isEmpty();
        h.time(T0 + 2 * HOUR + 7 * DAY);
        assertThat(h.detection.isEmpty(h.state)).isTrue();
    }
}
