package dev.flowlens.detect;

import static dev.flowlens.testkit.EnrichedFlows.enriched;
import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window detectors and the alert book, driven as the job drives them: flows, then event time per minute. */
class DetectionTest {
    private static final long T0 = 1_700_000_000L;
    private static final TaskIdentity WEB = task("web1").service("web").ip("10.0.1.5").identity();
    private static final TaskIdentity API = task("api1").service("api").ip("10.0.2.7").identity();

    private final Detection detection = new Detection(DetectionSettings.defaults());
    private final ServiceState state = new ServiceState();
    private final List<Alert> alerts = new ArrayList<>();
    private long now = T0;

    @Test
    void aSlowPortScanOfOneHostIsOneAlertOpenedUpdatedAndClosedUnderOneId() {
        for (int port = 1; port <= 30; port++) { // three ports a minute for ten minutes
            send(out(WEB, "10.0.3.9", 40_000 + port, port, T0 + (port / 3) * 60, true));
            if (port % 3 == 0) {
                tick(T0 + (port / 3) * 60 + 59);
            }
        }
        tickUntil(T0 + 3 * 3600);

        List<Alert> scans = of(AlertKind.PORT_SCAN);
        assertThat(scans).extracting(a -> a.id).containsOnly(scans.get(0).id);
        assertThat(scans.get(0).status).isEqualTo(AlertStatus.OPEN);
        assertThat(scans).extracting(a -> a.status).contains(AlertStatus.UPDATED);
        assertThat(scans.get(scans.size() - 1).status).isEqualTo(AlertStatus.CLOSED);
        Alert last = scans.get(scans.size() - 1);
        assertThat(last.evidence.distinctPorts).isEqualTo(30);
        assertThat(last.peer.address).isEqualTo("10.0.3.9");
        assertThat(last.tasks).extracting(t -> t.taskId).containsExactly("web1");
        assertThat(last.explanation).contains("30 distinct ports");
        assertThat(detection.onTime(state, T0 + 8 * 86_400, alerts::add)).as("gone after the service TTL").isTrue();
        assertThat(detection.isEmpty(state)).isTrue();
    }

    @Test
    void aClientReachingAFewPortsOfOneHostAllDayIsNoScan() {
        for (int minute = 0; minute < 600; minute++) {
            for (int port : new int[] {443, 8080, 5432, 6379}) {
                send(out(WEB, "10.0.3.9", 40_000 + minute % 1000, port, T0 + minute * 60L, false));
            }
            tick(T0 + minute * 60L + 59);
        }
        assertThat(alerts).extracting(a -> a.kind + " " + a.explanation).isEmpty();
    }

    @Test
    void aSweepOfNovelHostsOnOnePortIsASweepNamingTheirCidr() {
        for (int i = 0; i < 40; i++) { // two hosts a minute on 445
            send(out(WEB, "10.0.4." + (10 + i), 41_000 + i, 445, T0 + (i / 2) * 60L, true));
        }
        tickUntil(T0 + 2 * 3600);
        List<Alert> sweeps = of(AlertKind.NETWORK_SWEEP);
        assertThat(sweeps).extracting(a -> a.id).containsOnly(sweeps.get(0).id);
        Alert last = sweeps.get(sweeps.size() - 1);
        assertThat(last.evidence.distinctHosts).isEqualTo(40);
        assertThat(last.peer.address).isEqualTo("10.0.4.0/26");
        assertThat(last.peer.port).isEqualTo(445);
    }

    @Test
    void reachingEveryTaskOfAKnownDependencyIsNoSweep() {
        for (int i = 0; i < 200; i++) { // a deployment gives the dependency new addresses every few minutes
            TaskIdentity target = task("api" + i).service("api").ip("10.0.5." + i).identity();
            send(enriched(flow().from(WEB.privateIpv4).srcPort(42_000 + i).to(target.privateIpv4).port(8080)
                    .at(T0 + i * 60L).build()).srcTask(WEB).dstTask(target).build(), true);
            tick(T0 + i * 60L + 59);
        }
        assertThat(of(AlertKind.NETWORK_SWEEP)).isEmpty();
    }

    @Test
    void aBurstOfRejectionsIsARejectStormButTheInternetsKnocksAreNot() {
        for (int minute = 0; minute < 240; minute++) { // a public task: a few knocks a minute, all day
            for (int k = 0; k < 3; k++) {
                send(in("203.0.113." + (minute % 200), WEB, 22, T0 + minute * 60L, true));
            }
            tick(T0 + minute * 60L + 59);
        }
        assertThat(of(AlertKind.REJECT_STORM)).isEmpty();
        long storm = T0 + 240 * 60L;
        for (int i = 0; i < 150; i++) {
            send(in("198.51.100." + (i % 250), WEB, 443, storm + (i / 30) * 60L, true));
        }
        tickUntil(storm + 3600);
        List<Alert> storms = of(AlertKind.REJECT_STORM);
        assertThat(storms).isNotEmpty();
        assertThat(storms.get(0).tasks).extracting(t -> t.taskId).containsExactly("web1");
        assertThat(storms.get(storms.size() - 1).status).isEqualTo(AlertStatus.CLOSED);
    }

    @Test
    void talkingToAListedPeerIsAThreatListMatchButARejectedKnockFromOneIsNot() {
        send(enriched(flow().from("198.51.100.66").srcPort(50_000).to(WEB.privateIpv4).port(22).rejected()
                .at(T0).build()).dstTask(WEB).build(), false);
        assertThat(alerts).isEmpty();
        send(enriched(flow().from(WEB.privateIpv4).srcPort(50_001).to("198.51.100.66").port(443).bytes(900)
                .at(T0 + 60).build()).srcTask(WEB).dstPeer(PeerClass.INTERNET).dstThreatLists("tor-exits")
                .build(), true);
        assertThat(of(AlertKind.THREAT_LIST_MATCH)).singleElement().satisfies(a -> {
            assertThat(a.severity).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.peer.threatLists).containsExactly("tor-exits");
            assertThat(a.suggestedResponse).contains("update-service --service web");
        });
    }

    @Test
    void anAddressNoTaskEverHeldIsAnUnknownWorkloadButAnUncertainOneIsNot() {
        for (int i = 0; i < 5; i++) {
            send(enriched(flow().from("10.0.1.200").srcPort(45_000 + i).to(API.privateIpv4).port(8080)
                    .at(T0 + i * 60L).build()).dstTask(API).srcUnattributed(UnattributedReason.OWNER_UNCERTAIN)
                    .srcPeer(PeerClass.SAME_VPC).build(), false);
        }
        assertThat(alerts).isEmpty();
        for (int i = 0; i < 2; i++) {
            send(enriched(flow().from("10.0.1.201").srcPort(46_000 + i).to(API.privateIpv4).port(8080)
                    .at(T0 + i * 60L).build()).dstTask(API).srcUnattributed(UnattributedReason.NEVER_SEEN)
                    .srcPeer(PeerClass.SAME_VPC).build(), false);
        }
        assertThat(of(AlertKind.UNKNOWN_WORKLOAD)).singleElement().satisfies(a -> {
            assertThat(a.peer.address).isEqualTo("10.0.1.201");
            assertThat(a.tasks).extracting(t -> t.taskId).containsExactly("api1");
        });
    }

    private EnrichedFlow out(TaskIdentity task, String host, int sport, int dport, long at, boolean rejected) {
        var record = flow().from(task.privateIpv4).srcPort(sport).to(host).port(dport).at(at);
        if (rejected) {
            record.rejected();
        }
        return enriched(record.build()).srcTask(task).dstPeer(PeerClass.SAME_VPC).build();
    }

    private EnrichedFlow in(String from, TaskIdentity task, int port, long at, boolean rejected) {
        var record = flow().interfaceId(task.eniId).from(from).srcPort(50_000).to(task.privateIpv4).port(port).at(at);
        if (rejected) {
            record.rejected();
        }
        return enriched(record.build()).dstTask(task).srcPeer(PeerClass.INTERNET).build();
    }

    /** Sends the side of the flow the task is on. */
    private void send(EnrichedFlow flow) {
        send(flow, flow.src.task != null);
    }

    private void send(EnrichedFlow flow, boolean srcSide) {
        for (TaskFlow side : TaskFlow.sides(flow)) {
            if (side.taskIsSource == srcSide) {
                detection.onFlow(state, side, alerts::add);
            }
        }
    }

    private void tick(long time) {
        now = Math.max(now, time);
        detection.onTime(state, now, alerts::add);
    }

    private void tickUntil(long end) {
        for (long t = now + 60; t <= end; t += 60) {
            tick(t);
        }
    }

    private List<Alert> of(AlertKind kind) {
        return alerts.stream().filter(a -> a.kind == kind).toList();
    }
}
