package dev.flowlens.detect;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.testkit.EnrichedFlows;
import dev.flowlens.testkit.Flows;
import dev.flowlens.testkit.TaskStates;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One service's detection, fed flows built with the testkit, collecting every alert record it emits. */
final class DetectionHarness {
    static final long T0 = 1_700_000_000L - 1_700_000_000L % 86_400; // midnight UTC
    static final long HOUR = 3600;
    static final long DAY = 86_400;

    final Detection detection;
    final ServiceState state = new ServiceState();
    final List<Alert> alerts = new ArrayList<>();
    private int nextPort = 40_000;

    DetectionHarness(DetectionSettings settings) {
        this.detection = new Detection(settings);
    }

    DetectionHarness() {
        this(DetectionSettings.defaults());
    }

    static TaskIdentity task(String id, String service, int host) {
        return TaskStates.task(id).service(service).ip("10.0.1." + host).identity();
    }

    /** A connection {@code task} opened to an internet {@code peer}: its own ephemeral port, 60 s from {@code at}. */
    TaskFlow egress(TaskIdentity task, String peer, int port, long at, long bytes) {
        nextPort = nextPort >= 60_000 ? 40_000 : nextPort + 1;
        return egressFrom(task, nextPort, peer, port, at, bytes);
    }

    TaskFlow egressFrom(TaskIdentity task, int localPort, String peer, int port, long at, long bytes) {
        EnrichedFlow flow = EnrichedFlows.enriched(Flows.flow().from(task.privateIpv4).srcPort(localPort).to(peer)
                .port(port).at(at).bytes(bytes).packets(Math.max(1, bytes / 1000)).build()).srcTask(task).build();
        return TaskFlow.sides(flow).get(0);
    }

    /** A connection an internet {@code peer} opened to {@code task} on {@code port}. */
    TaskFlow ingress(TaskIdentity task, String peer, int port, long at) {
        EnrichedFlow flow = EnrichedFlows.enriched(Flows.flow().from(peer).srcPort(51_000).to(task.privateIpv4)
                .port(port).at(at).build()).dstTask(task).build();
        return TaskFlow.sides(flow).get(0);
    }

    void flow(TaskFlow flow) {
        detection.onFlow(state, flow, alerts::add);
    }

    /** Event time has reached {@code now}; whether detection says the service is gone. */
    boolean time(long now) {
        return detection.onTime(state, now, alerts::add);
    }

    List<Alert> opened(AlertKind kind) {
        return alerts.stream().filter(a -> a.kind == kind && a.status == AlertStatus.OPEN)
                .collect(Collectors.toList());
    }

    /** The latest record of the incident with this id. */
    Alert latest(String id) {
        Alert latest = null;
        for (Alert alert : alerts) {
            if (alert.id.equals(id)) {
                latest = alert;
            }
        }
        return latest;
    }

    List<String> taskIds(Alert alert) {
        return alert.tasks.stream().map(t -> t.taskId).collect(Collectors.toList());
    }
}
