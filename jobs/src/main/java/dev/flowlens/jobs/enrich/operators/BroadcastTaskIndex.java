package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.enrich.peer.ReloadingThreatLists;
import dev.flowlens.enrich.peer.ThreatList;
import dev.flowlens.schemas.TaskState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's {@link AttributionIndex}, kept in step with the broadcast state of task observations: the state is
 * what a checkpoint keeps, the index is rebuilt from it on first use after a (re)start. It also keeps the peer
 * classifier's threat lists current ({@link #refreshThreatLists}): the lists are not state, they are loaded again
 * from their locations. The attributor weighs the {@link InterfaceEvidence} of the flows this subtask has observed.
 */
public final class BroadcastTaskIndex implements Serializable {
    /** The broadcast state of task observations, by task ARN: what a checkpoint keeps of the index. */
    public static final MapStateDescriptor<String, TaskState> TASKS = new MapStateDescriptor<>("tasks",
            Types.STRING, TypeInformation.of(TaskState.class));

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastTaskIndex.class);

    private final IndexSettings settings;
    private transient AttributionIndex index;
    private transient PeerClassifier peers;
    private transient FlowAttributor attributor;
    private transient InterfaceEvidence evidence;
    private transient ThreatListLocations locations;
    private transient ReloadingThreatLists threatLists;
    private transient AttributionMetrics metrics;

    BroadcastTaskIndex(IndexSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts following the threat lists' locations, when the settings ask for it; an operator calls this in
     * {@code open} and {@link #close} in {@code close}.
     */
    void open(AttributionMetrics metrics) {
        close(); // a harness may open a function twice
        threatLists = null;
        if (settings.reloadsThreatLists()) {
            this.metrics = metrics;
            locations = new ThreatListLocations(settings.aws());
        }
    }

    /**
     * Loads the threat lists again when their refresh interval of processing time has passed (otherwise one
     * compare) and swaps the changed ones into the classifier. The first call starts the interval: the clock is
     * the operator's processing time, which only its elements' context tells.
     */
    void refreshThreatLists(long nowMillis) {
        if (locations == null) {
            return;
        }
        if (threatLists == null) {
            threatLists = new ReloadingThreatLists(settings.threatLists(), locations, settings.threatListsRefresh(),
                    nowMillis, new ReloadListener(metrics));
        } else if (threatLists.refreshIfDue(nowMillis) && peers != null) {
            peers.useThreatLists(threatLists.entries());
        }
    }

    void close() {
        if (locations != null) {
            locations.close();
            locations = null;
        }
    }

    /** Merges an observation into the index and stores the merged task in the broadcast state. */
    void apply(BroadcastState<String, TaskState> tasks, TaskState task) throws Exception {
        attributor(tasks);
        index.apply(task);
        tasks.put(task.identity.taskArn, index.snapshotOf(task.identity.taskArn));
    }

    /** The attributor over the index, building the index from the broadcast state on first use. */
    FlowAttributor attributor(ReadOnlyBroadcastState<String, TaskState> tasks) throws Exception {
        if (index == null) {
            List<TaskState> restored = new ArrayList<>();
            long knownUntil = Long.MIN_VALUE;
            for (Map.Entry<String, TaskState> entry : tasks.immutableEntries()) {
                restored.add(entry.getValue());
                if (!entry.getValue().current) { // a reconciler's wall-clock observation is not event time
                    knownUntil = Math.max(knownUntil, entry.getValue().observedAt);
                }
            }
            index = AttributionIndex.restore(restored, knownUntil, settings.retention().toMillis());
            settings.interfaceScopes().forEach((eni, scope) -> index.describeInterface(eni, scope.get(0),
                    scope.get(1)));
            peers = new PeerClassifier(settings.vpcCidrs(), AwsIpRanges.bundled(), threatListEntries());
            attributor = new FlowAttributor(index, peers, evidence());
        }
        return attributor;
    }

    /** What the flows observed by this subtask showed of interfaces and their addresses. */
    InterfaceEvidence evidence() {
        if (evidence == null) {
            evidence = new InterfaceEvidence(settings.retention().toMillis());
        }
        return evidence;
    }

    /**
     * Drops tasks stopped more than the retention before the newest observation, from the index and the state, and
     * evidence older than the retention.
     * The clock is the metadata's own, so every subtask drops the same tasks and their states stay equal.
     */
    void expire(BroadcastState<String, TaskState> tasks) throws Exception {
        attributor(tasks);
        for (String taskArn : index.expire(index.knownUntil())) {
            tasks.remove(taskArn);
        }
        evidence().expire(index.knownUntil());
    }

    private Map<String, List<String>> threatListEntries() {
        if (threatLists != null) {
            return threatLists.entries();
        }
        Map<String, List<String>> entries = new java.util.LinkedHashMap<>();
        settings.threatLists().forEach(list -> entries.put(list.name(), list.entries()));
        return entries;
    }

    int taskCount() {
        return index == null ? 0 : index.taskCount();
    }

    long knownUntil() {
        return index == null ? Long.MIN_VALUE : index.knownUntil();
    }

    /** Counts and logs what a reload did: a failure is one WARN line naming the list and the cause. */
    private record ReloadListener(AttributionMetrics metrics) implements ReloadingThreatLists.Listener {
        @Override
        public void reloaded(ThreatList list) {
            metrics.threatListReloaded();
            LOG.info("threat list {} reloaded from {}: {} entries", list.name(), list.location(),
                    list.entries().size());
        }

        @Override
        public void failed(ThreatList previous, Exception cause) {
            metrics.threatListReloadFailed();
            LOG.warn("threat list {} could not be reloaded from {}, keeping its previous {} entries: {}",
                    previous.name(), previous.location(), previous.entries().size(), cause.getMessage());
        }
    }
}
