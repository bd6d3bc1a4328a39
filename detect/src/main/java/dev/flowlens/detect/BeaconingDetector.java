package dev.flowlens.detect;

import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code beaconing}: a task opens connections to one internet address at a regular interval, as implants calling
 * their controller do. Per task and peer address it keeps the start times of the latest connections (a ring); a
 * beacon is at least {@code minConnections} of them whose intervals have a low coefficient of variation
 * (standard deviation over mean: uniform jitter of ±30% gives about 0.17), with a mean interval between
 * {@code minPeriod} and {@code maxPeriod}, to a peer few of the service's tasks use: a dependency every task polls on
 * a timer is not a beacon.
 *
 * <p>What flow logs let one see: AWS aggregates each 5-tuple per capture window (60 s, or 600 s by default), so
 * connections closer than one window apart are not reliably told apart, and a period below the window is not
 * observable; set {@code minPeriod} to about the logs' window. A new connection is a record with a new task port;
 * records of one long connection across windows, and connections opened within a quarter of {@code minPeriod} of
 * each other (one burst), count once. Pairs quiet for {@code pairTtl} are dropped.
 */
public final class BeaconingDetector implements Detector {
    private final Settings settings;

    /**
     * @param minConnections connections needed before a pair is judged (the first interval needs two)
     * @param ringSize the most connection times kept per task and peer
     * @param maxVariation the largest coefficient of variation of the intervals that is still regular
     * @param minPeriod the shortest mean interval judged: about the flow logs' capture window
     * @param maxPeriod the longest mean interval judged
     * @param maxPeerShare a peer used by more than this share of the service's recent tasks (and by two or more) is
     *     a shared dependency, not a beacon
     * @param pairTtl a task-peer pair with no connection for this long is forgotten; longer than maxPeriod
     * @param maxPairs the most pairs kept per service; the least recently used one is forgotten first
     * @param quiet an alert closes when the beacon has been silent for this long, or three periods if longer
     * @param maxPacketsPerWindow at a period of about one capture window, the most packets (median) a connection may
     *     have to be a check-in rather than a conversation going on
     */
    public record Settings(int minConnections, int ringSize, double maxVariation, Duration minPeriod,
            Duration maxPeriod, double maxPeerShare, Duration pairTtl, int maxPairs, Duration quiet,
            int maxPacketsPerWindow) implements java.io.Serializable {
        static final String OPTION = "detection.beaconing.";

        public Settings {
            SettingChecks.requireAtLeast(minConnections, 3, OPTION + "min-connections");
            SettingChecks.requireAtLeast(ringSize, minConnections, OPTION + "ring-size (at least min-connections)");
            SettingChecks.requireAtLeast(maxVariation, 0, OPTION + "max-variation");
            SettingChecks.requirePositive(minPeriod, OPTION + "min-period");
            SettingChecks.requirePositive(maxPeriod, OPTION + "max-period");
            SettingChecks.requireAtLeast(maxPeerShare, 0, OPTION + "max-peer-share");
            SettingChecks.requirePositive(pairTtl, OPTION + "pair-ttl");
            if (pairTtl.compareTo(maxPeriod) <= 0 || maxPeriod.compareTo(minPeriod) <= 0) {
                throw new IllegalArgumentException(OPTION + "min-period < max-period < pair-ttl must hold, got "
                        + minPeriod + ", " + maxPeriod + ", " + pairTtl);
            }
            SettingChecks.requireAtLeast(maxPairs, 1, OPTION + "max-pairs");
            SettingChecks.requirePositive(quiet, OPTION + "quiet");
            SettingChecks.requireAtLeast(maxPacketsPerWindow, 1, OPTION + "max-packets-per-window");
        }

        public static Settings defaults() {
            return new Settings(6, 24, 0.3, Duration.ofSeconds(45), Duration.ofHours(2), 0.25, Duration.ofHours(5),
                    2000, Duration.ofMinutes(30), 10);
        }
    }

    BeaconingDetector(DetectionSettings settings) {
        this.settings = settings.beaconing();
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        BeaconingState own = state.beaconing;
        String taskId = flow.task().taskId;
        long now = flow.time();
        LastSeen.touch(own.taskLastSeen, taskId, now, settings.maxPairs());
        if (!flow.peerIsInternet() || !flow.taskInitiated() || flow.peerAddress() == null || flow.rejected()) {
            return;
        }
        String key = taskId + "|" + flow.peerAddress();
        BeaconPair pair = own.pairs.get(key);
        if (pair == null) {
            pair = new BeaconPair();
            pair.taskId = taskId;
            pair.peerAddress = flow.peerAddress();
            pair.peerPort = flow.peerPort();
            own.pairs.put(key, pair);
            evictBeyondCap(own);
        }
        boolean sameConnection = Objects.equals(pair.lastLocalPort, flow.localPort()) && !pair.starts.isEmpty()
                && flow.startTime() - pair.lastSeen <= settings.minPeriod().toSeconds();
        pair.lastSeen = Math.max(pair.lastSeen, now);
        pair.lastLocalPort = flow.localPort();
        String subject = key;
        if (sameConnection || !addStart(pair, flow.startTime())) {
            OpenAlert open = book.open(state.alerts, AlertKind.BEACONING, subject);
            if (open != null) {
                book.add(open, flow);
            }
            return;
        }
        if (!Objects.equals(pair.peerPort, flow.peerPort())) {
            pair.peerPortsDiffer = true;
        }
        pair.packets.add(flow.packets());
        while (pair.packets.size() > settings.ringSize()) {
            pair.packets.remove(0);
        }
        pair.longestRecord = Math.max(pair.longestRecord, flow.time() - flow.startTime() + 1);
        if (pair.starts.size() < settings.minConnections()) {
            return;
        }
        double[] meanAndVariation = intervals(pair.starts);
        double mean = meanAndVariation[0];
        double variation = meanAndVariation[1];
        if (variation > settings.maxVariation() || mean < settings.minPeriod().toSeconds()
                || mean > settings.maxPeriod().toSeconds() || continuingConversation(pair, mean)) {
            return;
        }
        int sharing = tasksUsing(own, pair.peerAddress);
        int active = own.taskLastSeen.size();
        if (sharing >= 2 && sharing > settings.maxPeerShare() * active) {
            return;
        }
        long quiet = Math.max(settings.quiet().toSeconds(), Math.round(3 * mean));
        OpenAlert alert = book.report(state.alerts, AlertKind.BEACONING, subject, AlertSeverity.MEDIUM, quiet, flow);
        if (alert.peer == null) {
            alert.peer = new AlertPeer();
            alert.peer.address = pair.peerAddress;
            alert.peer.protocol = flow.protocol();
            alert.peer.peerClass = flow.peerClass();
            alert.suggestedResponse = Responses.blockPeer(flow.task(), pair.peerAddress);
        }
        alert.peer.port = pair.peerPortsDiffer ? null : pair.peerPort;
        alert.evidence.distinctHosts = 1;
        alert.explanation = "Task " + taskId + " of " + NewExternalDestinationDetector.unitName(flow)
                + " connected to " + pair.peerAddress + (alert.peer.port != null ? ":" + alert.peer.port : "") + " "
                + pair.starts.size() + " times at a steady " + Math.round(mean) + " s interval (coefficient of "
                + "variation " + String.format(java.util.Locale.ROOT, "%.2f", variation) + ", at most "
                + settings.maxVariation() + " is regular); " + sharing + " of the service's " + active
                + " recent tasks use that address.";
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        long ttl = settings.pairTtl().toSeconds();
        Iterator<BeaconPair> pairs = state.beaconing.pairs.values().iterator();
        while (pairs.hasNext()) {
            if (now - pairs.next().lastSeen >= ttl) {
                pairs.remove();
            }
        }
        LastSeen.expire(state.beaconing.taskLastSeen, now, ttl);
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        return state.beaconing.pairs.isEmpty() && state.beaconing.taskLastSeen.isEmpty();
    }

    /**
     * Inserts a connection start in order unless it is within a burst gap of a neighbour; trims the ring to its
     * size (oldest first). Whether it was added.
     */
    private boolean addStart(BeaconPair pair, long start) {
        long burstGap = settings.minPeriod().toSeconds() / 4;
        List<Long> starts = pair.starts;
        int at = starts.size();
        while (at > 0 && starts.get(at - 1) > start) {
            at--;
        }
        if (at > 0 && start - starts.get(at - 1) < burstGap || at < starts.size() && starts.get(at) - start < burstGap) {
            return false;
        }
        starts.add(at, start);
        while (starts.size() > settings.ringSize()) {
            starts.remove(0);
        }
        return true;
    }

    /**
     * Whether the records look like one conversation going on rather than check-ins: one record per capture window
     * is what any busy conversation gives, so at that period only small ones (a handful of packets, a heartbeat) are
     * taken as beacons.
     */
    private boolean continuingConversation(BeaconPair pair, double mean) {
        long window = Math.max(60, pair.longestRecord);
        if (mean > 1.5 * window) {
            return false;
        }
        List<Long> sorted = new java.util.ArrayList<>(pair.packets);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) > settings.maxPacketsPerWindow();
    }

    /** The mean interval between consecutive starts and its coefficient of variation. */
    static double[] intervals(List<Long> starts) {
        int n = starts.size() - 1;
        double sum = 0;
        for (int i = 1; i < starts.size(); i++) {
            sum += starts.get(i) - starts.get(i - 1);
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 1; i < starts.size(); i++) {
            double d = starts.get(i) - starts.get(i - 1) - mean;
            squares += d * d;
        }
        double deviation = Math.sqrt(squares / n);
        return new double[] {mean, mean > 0 ? deviation / mean : Double.POSITIVE_INFINITY};
    }

    private static int tasksUsing(BeaconingState own, String peerAddress) {
        int tasks = 0;
        for (BeaconPair pair : own.pairs.values()) {
            if (pair.peerAddress.equals(peerAddress)) {
                tasks++;
            }
        }
        return tasks;
    }

    private void evictBeyondCap(BeaconingState own) {
        while (own.pairs.size() > settings.maxPairs()) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, BeaconPair> entry : own.pairs.entrySet()) {
                if (entry.getValue().lastSeen < oldestTime) {
                    oldest = entry.getKey();
                    oldestTime = entry.getValue().lastSeen;
                }
            }
            own.pairs.remove(oldest);
        }
    }
}
