package dev.flowlens.jobs.detect.operators;

import static dev.flowlens.testkit.EnrichedFlows.enriched;
import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.json.AlertJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The detection operator as a bounded (BATCH) run drives it: a key's flows sorted by time only, no watermark until the
 * end of the key's input, then every timer at once. Flows of one second in another order give the same alerts.
 */
class DetectAnomaliesBoundedTest {
    private static final long T0 = 1_700_000_000L;
    private static final TaskIdentity WEB = task("web1").service("web").ip("10.0.1.5").identity();
    private static final TaskIdentity API = task("api1").service("api").ip("10.0.2.7").identity();
    private static final DetectionSettings SETTINGS = DetectionSettings.defaults().withServiceTtl(Duration.ofHours(2));

    @Test
    void oneServicesSameSecondFlowsInTwoOrdersGiveTheSameAlerts() throws Exception {
        List<TaskFlow> flows = incidents(WEB);
        List<TaskFlow> first = timeSorted(flows, new Random(1));
        List<TaskFlow> second = timeSorted(flows, new Random(2));
        assertThat(first).as("the two arrival orders differ").isNotEqualTo(second);

        List<String> alerts = run(first, true);
        assertThat(alerts).isNotEmpty();
        assertThat(run(second, true)).isEqualTo(alerts);
        List<Alert> parsed = parse(alerts);
        assertThat(parsed).extracting(a -> a.kind).contains(AlertKind.NETWORK_SWEEP, AlertKind.PORT_SCAN);
        assertThat(parsed.get(parsed.size() - 1).status).isEqualTo(AlertStatus.CLOSED);
        // what the operator protects against: in arrival order (as streaming takes them) the alerts differ
        assertThat(run(first, false)).isNotEqualTo(run(second, false));
    }

    @Test
    void keysInterleavedGiveEachKeyTheAlertsItGetsAlone() throws Exception {
        List<TaskFlow> web = timeSorted(incidents(WEB), new Random(3));
        List<TaskFlow> api = timeSorted(incidents(API), new Random(4));
        List<TaskFlow> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(web.size(), api.size()); i++) {
            if (i < web.size()) {
                interleaved.add(web.get(i));
            }
            if (i < api.size()) {
                interleaved.add(api.get(i));
            }
        }
        List<String> together = run(interleaved, true);
        assertThat(byService(together, "web")).isEqualTo(run(timeSorted(incidents(WEB), new Random(5)), true));
        assertThat(byService(together, "api")).isEqualTo(run(timeSorted(incidents(API), new Random(6)), true));
    }

    /** Runs the operator over the flows, then ends the input; the alerts as JSON, in the order emitted. */
    private static List<String> run(List<TaskFlow> flows, boolean bounded) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, TaskFlow, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DetectAnomalies(SETTINGS, 120, bounded),
                        side -> side.serviceKey, Types.STRING)) {
            harness.open();
            for (TaskFlow flow : flows) {
                harness.processElement(flow, flow.startTime() * 1000);
            }
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            if (bounded) {
                assertThat(harness.numKeyedStateEntries()).as("keyed state at the end").isZero();
            }
            return harness.extractOutputValues().stream().map(AlertJson::toJson).collect(Collectors.toList());
        }
    }

    /**
     * A sweep and a port scan by the task, each second's flows many: 30 hosts on 445 and 30 ports of one host per
     * second, for four seconds a minute apart.
     */
    private static List<TaskFlow> incidents(TaskIdentity task) {
        List<TaskFlow> flows = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            long at = T0 + minute * 60L;
            for (int i = 0; i < 30; i++) {
                flows.add(out(task, "10.0.4." + (10 + minute * 30 + i), 41_000 + i, 445, at, 100 + i));
                flows.add(out(task, "10.0.3.9", 42_000 + i, 1 + minute * 30 + i, at, 60 + i));
            }
        }
        return flows;
    }

    /** The flows sorted by time as BATCH sorts them, in a random order among those of the same second. */
    private static List<TaskFlow> timeSorted(List<TaskFlow> flows, Random random) {
        List<TaskFlow> sorted = new ArrayList<>(flows);
        Collections.shuffle(sorted, random);
        sorted.sort(Comparator.comparingLong(TaskFlow::startTime));
        return sorted;
    }

    private static TaskFlow out(TaskIdentity task, String host, int sport, int dport, long at, long bytes) {
        return TaskFlow.sides(enriched(flow().from(task.privateIpv4).srcPort(sport).to(host).port(dport).at(at)
                .bytes(bytes).rejected().build()).srcTask(task).dstPeer(PeerClass.SAME_VPC).build()).get(0);
    }

    private static List<String> byService(List<String> alerts, String service) throws Exception {
        List<String> kept = new ArrayList<>();
        for (String alert : alerts) {
            if (service.equals(AlertJson.parse(alert).service)) {
                kept.add(alert);
            }
        }
        return kept;
    }

    private static List<Alert> parse(List<String> alerts) throws Exception {
        List<Alert> parsed = new ArrayList<>();
        for (String alert : alerts) {
            parsed.add(AlertJson.parse(alert));
        }
        return parsed;
    }
}
