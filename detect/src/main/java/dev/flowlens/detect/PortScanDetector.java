package dev.flowlens.detect;

import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code port-scan}: a task reaches many destination ports on one host within a window. Counts the distinct ports
 * below the ephemeral range the task itself connected to ({@link TaskFlow#reachedPort()}) per task × host, over a
 * sliding window of event time; a client of passive-mode or RPC servers reaches high ports, so those are not counted.
 */
public final class PortScanDetector implements Detector {
    /**
     * @param window the sliding window the distinct ports are counted over
     * @param ports distinct ports on one host that make a scan (Panther's rule alerts at 10 within 60 minutes)
     * @param quiet an open scan closes after this long without a new port
     * @param maxPairs the task × host pairs kept per service; the longest quiet go first
     */
    public record Settings(Duration window, int ports, Duration quiet, int maxPairs) implements java.io.Serializable {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(60), 10, Duration.ofMinutes(15), 20_000);
        }
    }

    /** The ports one task reached on one host, with when each was last reached. A Flink POJO. */
    public static class PairPorts {
        public Map<Integer, Long> lastSeen = new HashMap<>();
        public long latest;

        public PairPorts() {}
    }

    /** The service's task × host pairs. A Flink POJO. */
    public static class State {
        public Map<String, PairPorts> pairs = new HashMap<>();

        public State() {}
    }

    private final Settings settings;

    PortScanDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        Integer port = flow.reachedPort();
        Integer protocol = flow.protocol();
        if (port == null || Ports.isEphemeral(port) || protocol == null || (protocol != 6 && protocol != 17)
                || flow.peerAddress() == null) {
            return;
        }
        String subject = flow.task().taskId + "|" + flow.peerAddress();
        PairPorts pair = state.portScan.pairs.computeIfAbsent(subject, key -> new PairPorts());
        long time = flow.time();
        pair.latest = Math.max(pair.latest, time);
        boolean newPort = !pair.lastSeen.containsKey(port);
        if (newPort && pair.lastSeen.size() >= 4 * settings.ports()) {
            newPort = false; // enough to judge: a scan's thousandth port tells nothing its tenth did not
        } else {
            pair.lastSeen.merge(port, time, Math::max);
        }
        OpenAlert open = book.open(state.alerts, AlertKind.PORT_SCAN, subject);
        if (open == null && pair.lastSeen.size() < settings.ports()) {
            return;
        }
        if (open != null && !newPort) {
            return;
        }
        OpenAlert alert = book.report(state.alerts, AlertKind.PORT_SCAN, subject, AlertSeverity.HIGH,
                settings.quiet().toSeconds(), flow);
        alert.evidence.distinctPorts = Math.max(alert.evidence.distinctPorts, pair.lastSeen.size());
        alert.evidence.distinctHosts = 1;
        if (alert.peer == null) {
            alert.peer = Peers.of(flow, null);
        }
        alert.explanation = "Task " + flow.task().taskId + " reached " + alert.evidence.distinctPorts
                + " distinct ports on " + flow.peerAddress() + " within " + settings.window().toMinutes()
                + " minutes (" + alert.evidence.rejected + " of " + alert.evidence.flows
                + " connections rejected); a client uses a few.";
        alert.suggestedResponse = Responses.containTask(flow.task());
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        long horizon = now - settings.window().toSeconds();
        Iterator<PairPorts> pairs = state.portScan.pairs.values().iterator();
        while (pairs.hasNext()) {
            PairPorts pair = pairs.next();
            pair.lastSeen.values().removeIf(seen -> seen < horizon);
            if (pair.lastSeen.isEmpty()) {
                pairs.remove();
            }
        }
        Bounded.evictOldest(state.portScan.pairs, settings.maxPairs(), pair -> pair.latest);
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        return state.portScan.pairs.isEmpty();
    }
}
