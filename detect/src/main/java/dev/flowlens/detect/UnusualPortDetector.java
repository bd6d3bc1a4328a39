package dev.flowlens.detect;

import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code unusual-port}: a task opens a connection to an internet peer on a (protocol, port) its service never used.
 * The baseline is the service's pairs, learned from the connections its tasks open to internet peers. After the
 * warm-up a pair outside it alerts (medium); a watched port (remote shells, IRC, mining pools, reverse shells)
 * alerts at once, even while the service is still learning, unless its baseline already has it (high). The pair
 * then joins the baseline, but stays suspect while its alert is open: every task that uses it meanwhile is reported.
 * Rejected attempts count: a task trying SSH out is news even when a security group stops it.
 *
 * <p>Unwatched peer ports in the ephemeral range (32768 and up) are not judged: who connected is least certain
 * there, and protocols such as passive FTP or WebRTC pick such ports per connection.
 */
public final class UnusualPortDetector implements Detector {
    /** Why a watched port is watched, for the explanation. */
    private static final Map<Integer, String> KNOWN_USES = knownUses();

    private final Settings settings;
    private final long warmUpSeconds;
    private final Set<Integer> watched;

    /**
     * @param watchedPorts ports that alert even before the warm-up ends, unless the service's baseline has them
     * @param retention a pair not used for this long leaves the baseline
     * @param maxPairs the most pairs kept per service; the least recently used one is forgotten first
     * @param quiet an alert closes when its task has not used the port for this long
     */
    public record Settings(List<Integer> watchedPorts, Duration retention, int maxPairs, Duration quiet) implements java.io.Serializable {
        static final String OPTION = "detection.unusual-port.";

        public Settings {
            SettingChecks.requireNotNull(watchedPorts, OPTION + "watched-ports");
            for (Integer port : watchedPorts) {
                if (port == null || port < 1 || port > 65535) {
                    throw new IllegalArgumentException(OPTION + "watched-ports has " + port
                            + ", not a port; list ports from 1 to 65535");
                }
            }
            watchedPorts = List.copyOf(watchedPorts);
            SettingChecks.requirePositive(retention, OPTION + "retention");
            SettingChecks.requireAtLeast(maxPairs, 1, OPTION + "max-pairs");
            SettingChecks.requirePositive(quiet, OPTION + "quiet");
        }

        public static Settings defaults() {
            return new Settings(List.copyOf(KNOWN_USES.keySet()), Duration.ofDays(7), 500, Duration.ofMinutes(30));
        }
    }

    UnusualPortDetector(DetectionSettings settings) {
        this.settings = settings.unusualPort();
        this.warmUpSeconds = settings.warmUp().toSeconds();
        this.watched = Set.copyOf(this.settings.watchedPorts());
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        Integer port = flow.reachedPort();
        if (!flow.peerIsInternet() || port == null || port <= 0 || flow.protocol() == null) {
            return;
        }
        boolean isWatched = watched.contains(port);
        if (!isWatched && Ports.isEphemeral(port)) {
            return;
        }
        UnusualPortState own = state.unusualPorts;
        String pair = flow.protocol() + "/" + port;
        long now = flow.time();
        boolean known = own.pairLastSeen.containsKey(pair);
        // a service with no internet baseline has no usual port to differ from (new-external-destination tells)
        boolean baseline = !own.pairLastSeen.isEmpty();
        LastSeen.touch(own.pairLastSeen, pair, now, settings.maxPairs());
        boolean suspect = own.suspectLastUsed.containsKey(pair);
        boolean judged = isWatched || baseline && state.warm(now, warmUpSeconds);
        if (!suspect && (known || !judged)) {
            return;
        }
        own.suspectLastUsed.put(pair, now);
        String subject = flow.task().taskId + "|" + pair;
        OpenAlert alert = book.report(state.alerts, AlertKind.UNUSUAL_PORT, subject,
                isWatched ? AlertSeverity.HIGH : AlertSeverity.MEDIUM, settings.quiet().toSeconds(), flow);
        if (alert.peer == null) {
            alert.peer = new AlertPeer();
            alert.peer.address = flow.peerAddress();
            alert.peer.port = port;
            alert.peer.protocol = flow.protocol();
            alert.peer.peerClass = flow.peerClass();
            alert.explanation = "Task " + flow.task().taskId + " of "
                    + NewExternalDestinationDetector.unitName(flow) + (flow.rejected() ? " tried " : " connected to ")
                    + flow.peerAddress() + " on " + protocolName(flow.protocol()) + " port " + port
                    + (KNOWN_USES.containsKey(port) && isWatched ? " (" + KNOWN_USES.get(port) + ")" : "")
                    + ", a port the service's tasks did not use on internet peers in the " + pairsKnown(own, known)
                    + " pairs it knows.";
            alert.suggestedResponse = isWatched ? Responses.blockPeer(flow.task(), flow.peerAddress())
                    : Responses.review(flow.task(), "egress on port " + port);
        }
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        LastSeen.expire(state.unusualPorts.pairLastSeen, now, settings.retention().toSeconds());
        LastSeen.expire(state.unusualPorts.suspectLastUsed, now, settings.quiet().toSeconds());
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        return state.unusualPorts.pairLastSeen.isEmpty() && state.unusualPorts.suspectLastUsed.isEmpty();
    }

    private static int pairsKnown(UnusualPortState own, boolean known) {
        return own.pairLastSeen.size() - (known ? 0 : 1);
    }

    static String protocolName(int protocol) {
        return switch (protocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            default -> "protocol " + protocol;
        };
    }

    private static Map<Integer, String> knownUses() {
        Map<Integer, String> uses = new TreeMap<>();
        uses.put(22, "SSH");
        uses.put(23, "Telnet");
        uses.put(3389, "RDP");
        uses.put(5900, "VNC");
        for (int port = 6660; port <= 6669; port++) {
            uses.put(port, "IRC");
        }
        uses.put(6697, "IRC over TLS");
        for (int port : new int[] {3333, 5555, 7777, 14433, 14444, 45560, 45700}) {
            uses.put(port, "a common mining-pool port");
        }
        uses.put(8333, "Bitcoin peer-to-peer");
        uses.put(4444, "a common mining-pool and reverse-shell port");
        for (int port : new int[] {1337, 4445, 31337}) {
            uses.put(port, "a common reverse-shell port");
        }
        return uses;
    }
}
