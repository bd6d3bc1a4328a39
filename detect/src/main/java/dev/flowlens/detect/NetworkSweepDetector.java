package dev.flowlens.detect;

import dev.flowlens.enrich.index.IpKeys;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code network-sweep}: a task reaches one port on many hosts within a window. A client of a load-balanced service
 * reaches many tasks of it on one port, so only <em>novel</em> targets count: hosts the service never reached on that
 * port, unless they are tasks of a service it already reaches there (new tasks of a known dependency are not new).
 * AWS endpoints ({@code aws-service}) are left out: their addresses rotate by design.
 */
public final class NetworkSweepDetector implements Detector {
    /**
     * @param window the sliding window novel hosts are counted over
     * @param hosts novel hosts on one port that make a sweep (Elastic's rule, without a novelty filter, uses 100)
     * @param memory how long a reached host or peer service stays known to the service
     * @param quiet an open sweep closes after this long without a novel host
     * @param maxKnown known hosts and peer services kept per service; the longest unseen go first
     */
    public record Settings(Duration window, int hosts, Duration memory, Duration quiet, int maxKnown) implements java.io.Serializable {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(30), 20, Duration.ofDays(7), Duration.ofMinutes(15), 50_000);
        }
    }

    /** The novel hosts one task reached on one port. A Flink POJO. */
    public static class Sweep {
        public Map<String, Long> novelHosts = new HashMap<>();
        public long latest;
        /** The lowest and highest IPv4 novel host, as 32 bits, for the CIDR the alert names; -1 when none. */
        public long low = -1;
        public long high = -1;

        public Sweep() {}
    }

    /** A Flink POJO. */
    public static class State {
        /** {@code protocol/port|host} → last reached. */
        public Map<String, Long> knownHosts = new HashMap<>();
        /** {@code protocol/port|service key} → last reached. */
        public Map<String, Long> knownPeerServices = new HashMap<>();
        /** {@code task id|protocol/port} → the novel hosts in the window. */
        public Map<String, Sweep> sweeps = new HashMap<>();

        public State() {}
    }

    private final Settings settings;

    NetworkSweepDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        Integer port = flow.reachedPort();
        String host = flow.peerAddress();
        PeerClass peerClass = flow.peerClass();
        if (port == null || host == null || peerClass == null || peerClass == PeerClass.AWS_SERVICE
                || peerClass == PeerClass.NONE) {
            return;
        }
        State sweeps = state.networkSweep;
        String service = flow.protocol() + "/" + port;
        TaskIdentity peerTask = flow.peer().task;
        String peerService = peerTask == null ? null : service + "|" + ServiceKeys.of(peerTask);
        String hostKey = service + "|" + host;
        long time = flow.time();
        boolean novel = !sweeps.knownHosts.containsKey(hostKey)
                && (peerService == null || !sweeps.knownPeerServices.containsKey(peerService));
        sweeps.knownHosts.merge(hostKey, time, Math::max);
        if (peerService != null) {
            sweeps.knownPeerServices.merge(peerService, time, Math::max);
        }
        String subject = flow.task().taskId + "|" + service;
        OpenAlert open = book.open(state.alerts, AlertKind.NETWORK_SWEEP, subject);
        if (!novel) {
            return;
        }
        Sweep sweep = sweeps.sweeps.computeIfAbsent(subject, key -> new Sweep());
        sweep.latest = Math.max(sweep.latest, time);
        if (sweep.novelHosts.size() < 4 * settings.hosts()) {
            sweep.novelHosts.merge(host, time, Math::max);
        }
        long address = IpKeys.ipv4(host);
        if (address >= 0) {
            sweep.low = sweep.low < 0 ? address : Math.min(sweep.low, address);
            sweep.high = Math.max(sweep.high, address);
        }
        if (open == null && sweep.novelHosts.size() < settings.hosts()) {
            return;
        }
        OpenAlert alert = book.report(state.alerts, AlertKind.NETWORK_SWEEP, subject, AlertSeverity.HIGH,
                settings.quiet().toSeconds(), flow);
        alert.evidence.distinctHosts = Math.max(alert.evidence.distinctHosts, sweep.novelHosts.size());
        alert.evidence.distinctPorts = 1;
        alert.peer = Peers.of(flow, port);
        if (sweep.low >= 0) {
            alert.peer.address = Peers.ipv4Cover(sweep.low, sweep.high);
        }
        alert.explanation = "Task " + flow.task().taskId + " reached port " + port + " on "
                + alert.evidence.distinctHosts + " hosts its service never reached there, within "
                + settings.window().toMinutes() + " minutes (" + alert.evidence.rejected + " of "
                + alert.evidence.flows + " rejected).";
        alert.suggestedResponse = Responses.containTask(flow.task());
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        State sweeps = state.networkSweep;
        long window = now - settings.window().toSeconds();
        Iterator<Sweep> active = sweeps.sweeps.values().iterator();
        while (active.hasNext()) {
            Sweep sweep = active.next();
            sweep.novelHosts.values().removeIf(seen -> seen < window);
            if (sweep.novelHosts.isEmpty()) {
                active.remove();
            }
        }
        long memory = now - settings.memory().toSeconds();
        sweeps.knownHosts.values().removeIf(seen -> seen <= memory);
        sweeps.knownPeerServices.values().removeIf(seen -> seen <= memory);
        Bounded.evictOldest(sweeps.knownHosts, settings.maxKnown(), seen -> seen);
        Bounded.evictOldest(sweeps.knownPeerServices, settings.maxKnown(), seen -> seen);
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        State sweeps = state.networkSweep;
        return sweeps.sweeps.isEmpty() && sweeps.knownHosts.isEmpty() && sweeps.knownPeerServices.isEmpty();
    }
}
