package dev.flowlens.detect;

import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;

/**
 * {@code threat-list-match}: a task talks to an address on a configured deny or threat list (enrichment marks the
 * flows' ends with the lists they are on). A listed scanner's knock that the security group rejected is no incident;
 * anything accepted, or any connection the task opened, is.
 */
public final class ThreatListDetector implements Detector {
    /** @param quiet an open match closes after this long without traffic to the listed peer */
    public record Settings(Duration quiet) implements java.io.Serializable {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(30));
        }
    }

    private final Settings settings;

    ThreatListDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        FlowEndpoint peer = flow.peer();
        if (peer == null || peer.threatLists == null || peer.threatLists.isEmpty()) {
            return;
        }
        boolean initiated = flow.taskInitiated();
        if (flow.rejected() && !initiated) {
            return;
        }
        AlertSeverity severity = flow.rejected() ? AlertSeverity.MEDIUM
                : initiated && flow.bytesOut() > 0 ? AlertSeverity.CRITICAL : AlertSeverity.HIGH;
        OpenAlert alert = book.report(state.alerts, AlertKind.THREAT_LIST_MATCH,
                flow.task().taskId + "|" + peer.address, severity, settings.quiet().toSeconds(), flow);
        alert.peer = Peers.of(flow, flow.reachedPort());
        alert.evidence.distinctHosts = 1;
        alert.explanation = "Task " + flow.task().taskId + (initiated ? " connected to " : " accepted traffic from ")
                + peer.address + ", which is on " + String.join(", ", peer.threatLists) + " ("
                + alert.evidence.flows + (alert.evidence.flows == 1 ? " flow, " : " flows, ") + alert.evidence.bytes
                + " bytes).";
        alert.suggestedResponse = Responses.blockPeer(flow.task(), peer.address);
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {}

    @Override
    public boolean isEmpty(ServiceState state) {
        return true;
    }
}
