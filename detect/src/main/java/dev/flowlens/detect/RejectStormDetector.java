package dev.flowlens.detect;

import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code reject-storm}: a burst of REJECTed records from or to one task, far above what the service's tasks usually
 * see (the internet knocks on every public address; a security group that says no to it is normal). Only records
 * captured on the task's own interface count: a scan's victim whose records show nothing rejected was not stormed.
 */
public final class RejectStormDetector implements Detector {
    /**
     * @param window the sliding window rejections are counted over, in one-minute buckets
     * @param rejects the fewest rejected records in the window that can make a storm
     * @param factor a storm is also at least this many times the service's usual rejections per task and window
     * @param quiet an open storm closes after this long without a rejection
     */
    public record Settings(Duration window, int rejects, double factor, Duration quiet) implements java.io.Serializable {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(10), 100, 10, Duration.ofMinutes(10));
        }
    }

    /** One task's rejections by minute. A Flink POJO. */
    public static class TaskRejects {
        public Map<Long, Long> byMinute = new HashMap<>();
        /** Distinct peers in the window (at most 64 kept), for the alert's peer and evidence. */
        public Map<String, Long> peers = new HashMap<>();
        public long latest;

        public TaskRejects() {}

        long total() {
            long total = 0;
            for (long count : byMinute.values()) {
                total += count;
            }
            return total;
        }
    }

    /** A Flink POJO. */
    public static class State {
        public Map<String, TaskRejects> tasks = new HashMap<>();
        /** The service's usual rejections per task and window (an exponentially weighted mean). */
        public double usual;

        public State() {}
    }

    private static final int MAX_PEERS = 64;
    /** Per-minute weight of the usual level: about a day's memory. */
    private static final double ALPHA = 1.0 / 1440;

    private final Settings settings;

    RejectStormDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        if (!flow.rejected() || !flow.recordedHere()) {
            return; // a rejection is the business of the interface whose security group or ACL said no
        }
        String taskId = flow.task().taskId;
        TaskRejects rejects = state.rejectStorm.tasks.computeIfAbsent(taskId, key -> new TaskRejects());
        long time = flow.time();
        rejects.byMinute.merge(time / 60, 1L, Long::sum);
        rejects.latest = Math.max(rejects.latest, time);
        String peer = flow.peerAddress();
        if (peer != null && (rejects.peers.size() < MAX_PEERS || rejects.peers.containsKey(peer))) {
            rejects.peers.merge(peer, time, Math::max);
        }
        OpenAlert open = book.open(state.alerts, AlertKind.REJECT_STORM, taskId);
        long total = rejects.total();
        if (open == null && total < threshold(state.rejectStorm)) {
            return;
        }
        OpenAlert alert = book.report(state.alerts, AlertKind.REJECT_STORM, taskId, AlertSeverity.MEDIUM,
                settings.quiet().toSeconds(), flow);
        alert.evidence.distinctHosts = Math.max(alert.evidence.distinctHosts, rejects.peers.size());
        if (rejects.peers.size() == 1) {
            alert.peer = Peers.of(flow, flow.peerPort());
        } else {
            alert.peer = null;
        }
        alert.explanation = "Task " + taskId + " had " + total + " rejected connections within "
                + settings.window().toMinutes() + " minutes from or to " + rejects.peers.size()
                + (rejects.peers.size() >= MAX_PEERS ? "+" : "") + " peers; its service's tasks usually see "
                + Math.round(state.rejectStorm.usual) + ".";
        alert.suggestedResponse = flow.taskInitiated()
                ? Responses.review(flow.task(), "its connections being refused") : "Check the task's security "
                        + "groups and the subnet's network ACL deny the peers; if the task is exposed on purpose, "
                        + "consider AWS WAF or Shield in front of it.";
    }

    private long threshold(State state) {
        return Math.max(settings.rejects(), (long) Math.ceil(settings.factor() * state.usual));
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        State storms = state.rejectStorm;
        long oldest = (now - settings.window().toSeconds()) / 60;
        double sum = 0;
        int counted = 0;
        Iterator<Map.Entry<String, TaskRejects>> tasks = storms.tasks.entrySet().iterator();
        while (tasks.hasNext()) {
            Map.Entry<String, TaskRejects> entry = tasks.next();
            TaskRejects rejects = entry.getValue();
            rejects.byMinute.keySet().removeIf(minute -> minute < oldest);
            rejects.peers.values().removeIf(seen -> seen / 60 < oldest);
            long total = rejects.total();
            // a storm in progress does not teach the service that storms are usual
            if (book.open(state.alerts, AlertKind.REJECT_STORM, entry.getKey()) == null
                    && total < settings.rejects() / 2) {
                sum += total;
                counted++;
            }
            if (rejects.byMinute.isEmpty()) {
                tasks.remove();
            }
        }
        if (counted > 0) {
            storms.usual += ALPHA * (sum / counted - storms.usual);
        }
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        return state.rejectStorm.tasks.isEmpty();
    }
}
