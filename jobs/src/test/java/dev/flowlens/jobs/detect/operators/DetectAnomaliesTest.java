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
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detection operator's state, timers and watermarks: incidents open on flows, close on event time, state ends. */
class DetectAnomaliesTest {
    private static final long T0 = 1_700_000_000L;
    private static final TaskIdentity WEB = task("web1").service("web").ip("10.0.1.5").identity();
    private static final DetectionSettings SETTINGS = DetectionSettings.defaults().withServiceTtl(Duration.ofHours(2));

    private KeyedOneInputStreamOperatorTestHarness<String, TaskFlow, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DetectAnomalies(SETTINGS, 120, false),
                side -> side.serviceKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aScanOpensOnItsFlowsClosesOnTheWatermarkAndTheServiceIsForgottenAfterItsTtl() throws Exception {
        for (int port = 1; port <= 12; port++) {
            TaskFlow side = scan(port, T0 + port * 10L);
            harness.processElement(side, side.startTime() * 1000);
        }
        assertThat(alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind).isEqualTo(AlertKind.PORT_SCAN);
            assertThat(alert.status).isEqualTo(AlertStatus.OPEN);
        });
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark((T0 + 10 * 60) * 1000));
        // quiet for less than 15 minutes: still open, grown by the two ports after it opened
        assertThat(alerts()).extracting(a -> a.status).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
        assertThat(alerts().get(1).evidence.distinctPorts).isEqualTo(12);
        harness.processWatermark(new Watermark((T0 + 30 * 60) * 1000));
        assertThat(alerts()).extracting(a -> a.status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED);
        assertThat(alerts()).extracting(a -> a.id).containsOnly(alerts().get(0).id);

        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // a tick a minute while the service is remembered
        harness.processWatermark(new Watermark((T0 + 3 * 3600) * 1000));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfABoundedInputClosesWhatIsOpenAndClearsTheState() throws Exception {
        for (int port = 1; port <= 12; port++) {
            TaskFlow side = scan(port, T0 + port * 10L);
            harness.processElement(side, side.startTime() * 1000);
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(alerts()).extracting(a -> a.status).startsWith(AlertStatus.OPEN).endsWith(AlertStatus.CLOSED);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private static TaskFlow scan(int port, long at) {
        return TaskFlow.sides(enriched(flow().from(WEB.privateIpv4).srcPort(40_000).to("10.0.3.9").port(port)
                .rejected().at(at).build()).srcTask(WEB).dstPeer(PeerClass.SAME_VPC).build()).get(0);
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }
}
