package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
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

/**
 * One subtask's {@link AttributionIndex}, kept in step with the broadcast state of task observations: the state is
 * what a checkpoint keeps, the index is rebuilt from it on first use after a (re)start.
 */
public final class BroadcastTaskIndex implements Serializable {
    /** The broadcast state of task observations, by task ARN: what a checkpoint keeps of the index. */
    public static final MapStateDescriptor<String, TaskState> TASKS = new MapStateDescriptor<>("tasks",
            Types.STRING, TypeInformation.of(TaskState.class));

    private final IndexSettings settings;
    private transient AttributionIndex index;
    private transient FlowAttributor attributor;

    BroadcastTaskIndex(IndexSettings settings) {
        this.settings = settings;
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
            attributor = new FlowAttributor(index, new PeerClassifier(settings.vpcCidrs(), AwsIpRanges.bundled(),
                    settings.threatLists()));
        }
        return attributor;
    }

    /**
     * Drops tasks stopped more than the retention before the newest observation, from the index and the state.
     * The clock is the metadata's own, so every subtask drops the same tasks and their states stay equal.
     */
    void expire(BroadcastState<String, TaskState> tasks) throws Exception {
        attributor(tasks);
        for (String taskArn : index.expire(index.knownUntil())) {
            tasks.remove(taskArn);
        }
    }

    int taskCount() {
        return index == null ? 0 : index.taskCount();
    }

    long knownUntil() {
        return index == null ? Long.MIN_VALUE : index.knownUntil();
    }
}
