package dev.flowlens.detect;

import dev.flowlens.enrich.peer.PrefixTrie;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code new-external-destination}: a service's tasks reach an internet prefix the service did not use while it
 * learned. The baseline is per service (tasks and their addresses come and go; the service's dependencies stay) and
 * per prefix (/24, /64), since a provider's endpoints move within its blocks; it learns from connections the tasks
 * opened to internet peers (AWS service ranges are classed {@code aws-service} upstream, so they never count). After
 * the warm-up an ACCEPTed connection to a prefix outside the baseline and the allow-list opens one alert per prefix,
 * naming every task that uses it while the alert is open; the prefix joins the baseline at once, so a new dependency
 * alerts once. Peers on a threat list are left to {@code threat-list-match}, which says more.
 */
public final class NewExternalDestinationDetector implements Detector {
    private final Settings settings;
    private final long warmUpSeconds;
    private final PrefixTrie<Boolean> allowed;

    /**
     * @param retention a prefix not used for this long leaves the baseline (and alerts again when it comes back)
     * @param maxPrefixes the most prefixes kept per service; the least recently used one is forgotten first
     * @param allowedCidrs internet blocks that never alert (partners, your own public ranges)
     * @param quiet an alert closes when no task has used its prefix for this long
     */
    public record Settings(Duration retention, int maxPrefixes, List<String> allowedCidrs, Duration quiet) implements java.io.Serializable {
        static final String OPTION = "detection.new-external-destination.";

        public Settings {
            SettingChecks.requirePositive(retention, OPTION + "retention");
            SettingChecks.requireAtLeast(maxPrefixes, 1, OPTION + "max-prefixes");
            SettingChecks.requireNotNull(allowedCidrs, OPTION + "allowed-cidrs");
            SettingChecks.requirePositive(quiet, OPTION + "quiet");
            allowedCidrs = List.copyOf(allowedCidrs);
            try {
                AddressBlocks.blocks(allowedCidrs);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OPTION + "allowed-cidrs: " + e.getMessage(), e);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofDays(7), 2000, List.of(), Duration.ofMinutes(30));
        }
    }

    NewExternalDestinationDetector(DetectionSettings settings) {
        this.settings = settings.newExternalDestination();
        this.warmUpSeconds = settings.warmUp().toSeconds();
        this.allowed = AddressBlocks.blocks(this.settings.allowedCidrs());
    }

    /**
     * A prefix the service reached more than {@link #PINNED_CONNECTIONS} times on at most this many addresses is
     * pinned: a new address in it is new.
     */
    static final int PINNED_PREFIX_ADDRESSES = 4;
    static final int PINNED_CONNECTIONS = 50;
    /** Internet connections a service's baseline must have learned from before it judges a prefix new. */
    static final int MIN_LEARNED_CONNECTIONS = 20;

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        if (!flow.peerIsInternet() || !flow.taskInitiated() || flow.rejected()
                || !flow.peer().threatLists.isEmpty()) {
            return;
        }
        String address = flow.peerAddress();
        String prefix = AddressBlocks.prefixOf(address);
        if (prefix == null || allowed.find(address) != null) {
            return;
        }
        NewDestinationState own = state.newDestinations;
        long now = flow.time();
        boolean known = own.prefixLastSeen.containsKey(prefix);
        int knownCount = own.prefixLastSeen.size();
        LastSeen.touch(own.prefixLastSeen, prefix, now, settings.maxPrefixes());
        boolean knownAddress = own.addressLastSeen.containsKey(address);
        int inPrefix = known && !knownAddress ? addressesIn(own, prefix) : 0;
        LastSeen.touch(own.addressLastSeen, address, now, PINNED_PREFIX_ADDRESSES * settings.maxPrefixes());
        long connections = own.prefixConnections.merge(prefix, 1L, Long::sum);
        if (known && !knownAddress && inPrefix <= PINNED_PREFIX_ADDRESSES && connections > PINNED_CONNECTIONS
                && state.warm(now, warmUpSeconds)
                && book.open(state.alerts, AlertKind.NEW_EXTERNAL_DESTINATION, prefix) == null) {
            reportNewAddress(state, flow, book, prefix, inPrefix);
            return;
        }
        OpenAlert open = book.open(state.alerts, AlertKind.NEW_EXTERNAL_DESTINATION, prefix);
        if (known && open == null || !known && !judges(own, state, now)) {
            OpenAlert byAddress = book.open(state.alerts, AlertKind.NEW_EXTERNAL_DESTINATION, address);
            if (byAddress != null) {
                book.add(byAddress, flow);
            }
            return;
        }
        OpenAlert alert = book.report(state.alerts, AlertKind.NEW_EXTERNAL_DESTINATION, prefix, AlertSeverity.LOW,
                settings.quiet().toSeconds(), flow);
        if (alert.peer == null) {
            alert.peer = new AlertPeer();
            alert.peer.address = address;
            alert.peer.port = flow.reachedPort();
            alert.peer.protocol = flow.protocol();
            alert.peer.peerClass = PeerClass.INTERNET;
            alert.explanation = "Task " + flow.task().taskId + " of " + unitName(flow) + " connected to " + address
                    + ":" + flow.reachedPort() + " in " + prefix + ", an internet prefix none of the service's tasks"
                    + " used in the last " + days(settings.retention()) + " (" + knownCount + " prefixes known).";
            alert.suggestedResponse = Responses.review(flow.task(), "traffic to " + prefix);
        } else {
            if (!Objects.equals(alert.peer.address, address)) {
                alert.peer.address = prefix;
            }
            if (!Objects.equals(alert.peer.port, flow.reachedPort())) {
                alert.peer.port = null;
            }
            if (!Objects.equals(alert.peer.protocol, flow.protocol())) {
                alert.peer.protocol = null;
            }
        }
    }

    /**
     * A new address in a prefix the service used only a few addresses of: a pinned dependency (an API on fixed
     * addresses) does not move to a neighbour, while a CDN's rotating addresses soon pass the limit and stop counting.
     */
    private void reportNewAddress(ServiceState state, TaskFlow flow, AlertBook book, String prefix, int inPrefix) {
        String address = flow.peerAddress();
        OpenAlert alert = book.report(state.alerts, AlertKind.NEW_EXTERNAL_DESTINATION, address, AlertSeverity.LOW,
                settings.quiet().toSeconds(), flow);
        if (alert.peer == null) {
            alert.peer = Peers.of(flow, flow.reachedPort());
            alert.explanation = "Task " + flow.task().taskId + " of " + unitName(flow) + " connected to " + address
                    + ":" + flow.reachedPort() + ", a new address in " + prefix + ", where the service's tasks used "
                    + "only " + inPrefix + " address" + (inPrefix == 1 ? "" : "es") + " in the last "
                    + days(settings.retention()) + ".";
            alert.suggestedResponse = Responses.review(flow.task(), "traffic to " + address);
        }
    }

    /**
     * Whether the service's baseline can say what is new: warmed up, and learned from enough connections (a
     * standalone family that ran a few minutes has seen too little of its own traffic).
     */
    private boolean judges(NewDestinationState own, ServiceState state, long now) {
        if (!state.warm(now, warmUpSeconds)) {
            return false;
        }
        long learned = 0;
        for (long connections : own.prefixConnections.values()) {
            learned += connections;
        }
        return learned > MIN_LEARNED_CONNECTIONS;
    }

    private static int addressesIn(NewDestinationState own, String prefix) {
        int count = 0;
        for (String known : own.addressLastSeen.keySet()) {
            if (prefix.equals(AddressBlocks.prefixOf(known))) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        LastSeen.expire(state.newDestinations.prefixLastSeen, now, settings.retention().toSeconds());
        LastSeen.expire(state.newDestinations.addressLastSeen, now, settings.retention().toSeconds());
        state.newDestinations.prefixConnections.keySet().retainAll(state.newDestinations.prefixLastSeen.keySet());
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        return state.newDestinations.prefixLastSeen.isEmpty() && state.newDestinations.addressLastSeen.isEmpty()
                && state.newDestinations.prefixConnections.isEmpty();
    }

    static String unitName(TaskFlow flow) {
        String service = flow.task().serviceName;
        return service != null ? "service " + service : "task family " + ServiceKeys.family(flow.task());
    }

    private static String days(Duration retention) {
        long hours = retention.toHours();
        return hours % 24 == 0 ? hours / 24 + " days" : hours + " hours";
    }
}
