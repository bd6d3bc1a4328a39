package dev.flowlens.jobs.detect.operators;

import static dev.flowlens.testkit.EnrichedFlows.enriched;
import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.testkit.FlowRecordBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every detector through the job's operator, on event time: flows arrive with watermarks a minute behind, the
 * incident opens as one alert and closes when quiet, and once the service has been quiet for its TTL the keyed state
 * and the timers are gone.
 */
class EveryDetectorInTheOperatorTest {
    private static final long T0 = 1_700_000_000L;
    private static final Duration TTL = Duration.ofHours(3);
    private static final DetectionSettings SETTINGS = DetectionSettings.defaults().withServiceTtl(TTL);

    static Stream<Arguments> incidents() {
        return Stream.of(
                Arguments.of(AlertKind.PORT_SCAN, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                    List<EnrichedFlow> flows = new ArrayList<>();
                    for (int port = 1; port <= 40; port++) {
                        flows.add(out(tasks.get(0), "10.0.3.9", 40_000 + port, port, T0 + 3600 + port * 20L, 6,
                                true, PeerClass.SAME_VPC, 1));
                    }
                    return flows;
                }),
                Arguments.of(AlertKind.NETWORK_SWEEP, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                    List<EnrichedFlow> flows = new ArrayList<>();
                    for (int host = 10; host < 60; host++) {
                        flows.add(out(tasks.get(0), "10.0.4." + host, 41_000 + host, 445, T0 + 3600 + host * 30L, 6,
                                true, PeerClass.SAME_VPC, 1));
                    }
                    return flows;
                }),
                Arguments.of(AlertKind.REJECT_STORM, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                    List<EnrichedFlow> flows = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        TaskIdentity victim = tasks.get(0);
                        flows.add(enriched(flow().interfaceId(victim.eniId).from("198.51.100." + (i % 200))
                                .srcPort(50_000 + i).to(victim.privateIpv4).port(443).rejected()
                                .at(T0 + 3600 + (i / 40) * 60L).build()).dstTask(victim)
                                .srcPeer(PeerClass.INTERNET).build());
                    }
                    return flows;
                }),
                Arguments.of(AlertKind.THREAT_LIST_MATCH, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks ->
                        List.of(enriched(flow().from(tasks.get(0).privateIpv4).srcPort(45_000).to("198.51.100.66")
                                .port(443).bytes(900).at(T0 + 3600).build()).srcTask(tasks.get(0))
                                .dstPeer(PeerClass.INTERNET).dstThreatLists("tor-exits").build())),
                Arguments.of(AlertKind.UNKNOWN_WORKLOAD, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                    List<EnrichedFlow> flows = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        flows.add(enriched(flow().from("10.0.1.201").srcPort(46_000 + i)
                                .to(tasks.get(0).privateIpv4).port(8080).at(T0 + 3600 + i * 60L).build())
                                .dstTask(tasks.get(0)).srcUnattributed(UnattributedReason.NEVER_SEEN)
                                .srcPeer(PeerClass.SAME_VPC).build());
                    }
                    return flows;
                }),
                Arguments.of(AlertKind.UNUSUAL_PORT, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks ->
                        List.of(out(tasks.get(0), "192.0.2.77", 47_000, 3333, T0 + 3600, 6, false,
                                PeerClass.INTERNET, 400))),
                Arguments.of(AlertKind.BEACONING, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                    List<EnrichedFlow> flows = new ArrayList<>();
                    long[] jitter = {0, 40, -30, 20, -45, 35, -10, 25};
                    for (int i = 0; i < jitter.length; i++) { // every five minutes, give or take
                        flows.add(out(tasks.get(0), "192.0.2.99", 48_000 + i, 443, T0 + 3600 + i * 300L + jitter[i],
                                6, false, PeerClass.INTERNET, 3));
                    }
                    return flows;
                }),
                Arguments.of(AlertKind.NEW_EXTERNAL_DESTINATION,
                        (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                            List<EnrichedFlow> flows = new ArrayList<>();
                            for (int minute = 0; minute < 60; minute++) { // the baseline: one API, every task
                                for (TaskIdentity each : tasks) {
                                    flows.add(out(each, "203.0.113.10", 40_000 + minute, 443, T0 + minute * 60L, 6,
                                            false, PeerClass.INTERNET, 12));
                                }
                            }
                            flows.add(out(tasks.get(0), "198.18.7.7", 49_000, 443, T0 + 3700, 6, false,
                                    PeerClass.INTERNET, 12));
                            return flows;
                        }),
                Arguments.of(AlertKind.EXFILTRATION, (Function<List<TaskIdentity>, List<EnrichedFlow>>) tasks -> {
                    List<EnrichedFlow> flows = new ArrayList<>();
                    for (int minute = 0; minute < 20; minute++) { // before the warm-up: siblings say what is usual
                        for (TaskIdentity each : tasks) {
                            long packets = each == tasks.get(0) && minute >= 10 ? 150_000 : 20;
                            flows.add(out(each, "192.0.2.200", 40_000 + minute, 443, T0 + minute * 60L, 6, false,
                                    PeerClass.INTERNET, packets));
                        }
                    }
                    return flows;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidents")
    void opensOneAlertClosesItWhenQuietAndForgetsTheServiceAfterItsTtl(AlertKind kind,
            Function<List<TaskIdentity>, List<EnrichedFlow>> incident) throws Exception {
        List<TaskIdentity> tasks = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            tasks.add(task("web" + i).service("web").ip("10.0.1." + (4 + i)).identity());
        }
        List<TaskFlow> sides = new ArrayList<>();
        for (EnrichedFlow flow : incident.apply(tasks)) {
            sides.addAll(TaskFlow.sides(flow));
        }
        sides.sort(Comparator.comparingLong(TaskFlow::startTime));
        try (KeyedOneInputStreamOperatorTestHarness<String, TaskFlow, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DetectAnomalies(SETTINGS, 120, false),
                        side -> side.serviceKey, Types.STRING)) {
            harness.open();
            long watermark = Long.MIN_VALUE;
            for (TaskFlow side : sides) {
                long due = (side.startTime() - 60) * 1000;
                if (due > watermark) {
                    watermark = due;
                    harness.processWatermark(new Watermark(watermark));
                }
                harness.processElement(side, side.startTime() * 1000);
            }
            long end = sides.get(sides.size() - 1).time();
            harness.processWatermark(new Watermark((end + 3 * 3600) * 1000));
            List<Alert> alerts = harness.extractOutputValues().stream().filter(a -> a.kind == kind).toList();
            assertThat(alerts).as("the %s alerts", kind.wireName()).isNotEmpty();
            assertThat(alerts).extracting(a -> a.id).containsOnly(alerts.get(0).id);
            assertThat(alerts.get(0).status).isEqualTo(AlertStatus.OPEN);
            assertThat(alerts.get(alerts.size() - 1).status).isEqualTo(AlertStatus.CLOSED);
            assertThat(alerts.get(0).tasks).extracting(t -> t.taskId).contains("web1");

            harness.processWatermark(new Watermark((end + TTL.toSeconds() + 3 * 3600) * 1000));
            assertThat(harness.numKeyedStateEntries()).as("keyed state after the TTL").isZero();
            assertThat(harness.numEventTimeTimers()).as("timers after the TTL").isZero();
        }
    }

    private static EnrichedFlow out(TaskIdentity task, String host, int sport, int dport, long at, int protocol,
            boolean rejected, PeerClass peerClass, long packets) {
        FlowRecordBuilder record = flow().interfaceId(task.eniId).from(task.privateIpv4).srcPort(sport).to(host)
                .port(dport).protocol(protocol).packets(packets).bytes(packets * 700).at(at);
        if (rejected) {
            record.rejected();
        }
        return enriched(record.build()).srcTask(task).dstPeer(peerClass).build();
    }
}
