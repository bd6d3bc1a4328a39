package dev.flowlens.detect;

import dev.flowlens.enrich.peer.PrefixTrie;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.UnattributedReason;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unknown-workload}: a task exchanges traffic with an address in the task subnets that no task ever held (as
 * far as the index knows: {@code never-seen}), or a record's own v7 ECS fields name another task than the index does.
 * Addresses the index is unsure of ({@code index-behind}, {@code owner-uncertain}) or that a task held before or after
 * ({@code gap-between-owners}, ...: late records of a stopped task) are not evidence of anything. Without configured
 * task subnets any unowned VPC address counts. Only traffic the address starts counts (a task that reaches for
 * unowned addresses is scanning or sweeping; a database in the VPC is unowned too, but tasks connect to it); load
 * balancers connect to tasks, so they belong on the allow-list.
 */
public final class UnknownWorkloadDetector implements Detector {
    /**
     * @param taskSubnets CIDRs of the subnets tasks run in; empty means the whole VPC
     * @param allow CIDRs or addresses of known workloads that are not tasks (and the addresses of the ENIs an
     *     account export describes)
     * @param flows records from one unknown address within the window that make an incident
     * @param window the window they are counted over
     * @param quiet an open incident closes after this long without traffic from the address
     */
    public record Settings(List<String> taskSubnets, List<String> allow, int flows, Duration window, Duration quiet) implements java.io.Serializable {
        public static Settings defaults() {
            return new Settings(List.of(), List.of(), 2, Duration.ofMinutes(15), Duration.ofMinutes(15));
        }
    }

    /** Records seen from one unknown address (or with one task's v7 disagreement). A Flink POJO. */
    public static class Sightings {
        public long count;
        public long first;
        public long latest;

        public Sightings() {}
    }

    /** A Flink POJO. */
    public static class State {
        public Map<String, Sightings> sightings = new HashMap<>();

        public State() {}
    }

    private final Settings settings;
    private final PrefixTrie<Boolean> taskSubnets;
    private final PrefixTrie<Boolean> allow;

    UnknownWorkloadDetector(Settings settings) {
        this.settings = settings;
        this.taskSubnets = AddressBlocks.blocks(settings.taskSubnets());
        this.allow = AddressBlocks.blocks(settings.allow());
    }

    @Override
    public void onFlow(ServiceState state, TaskFlow flow, AlertBook book) {
        FlowEndpoint peer = flow.peer();
        String subject;
        String why;
        if (peer != null && unknown(peer, flow)) {
            subject = peer.address;
            why = peer.address + ", an address in the task subnets that no task held";
        } else if (flow.flow.v7Mismatch && recordedBy(flow)) {
            subject = "v7|" + flow.task().taskId;
            why = "records whose ECS fields name task " + flow.record().ecsTaskId + " while the index names "
                    + flow.task().taskId;
        } else {
            return;
        }
        long time = flow.time();
        Sightings seen = state.unknownWorkload.sightings.computeIfAbsent(subject, key -> new Sightings());
        if (seen.count == 0) {
            seen.first = time;
        }
        seen.count++;
        seen.latest = Math.max(seen.latest, time);
        OpenAlert open = book.open(state.alerts, AlertKind.UNKNOWN_WORKLOAD, subject);
        if (open == null && seen.count < settings.flows()) {
            return;
        }
        OpenAlert alert = book.report(state.alerts, AlertKind.UNKNOWN_WORKLOAD, subject, AlertSeverity.HIGH,
                settings.quiet().toSeconds(), flow);
        alert.peer = Peers.of(flow, flow.reachedPort());
        alert.evidence.distinctHosts = 1;
        long flows = Math.max(seen.count, alert.evidence.flows);
        alert.explanation = "Task " + flow.task().taskId + " exchanged " + flows + (flows == 1 ? " flow" : " flows")
                + " with " + why + ".";
        alert.suggestedResponse = subject.startsWith("v7|") ? "Compare the task's ENI in aws ecs describe-tasks "
                + "with the flow log's interface; if they disagree, something else uses the address: "
                + Responses.containTask(null) : Responses.containTask(null);
    }

    private boolean unknown(FlowEndpoint peer, TaskFlow flow) {
        if (peer.task != null || peer.attribution != AttributionMethod.UNATTRIBUTED
                || peer.unattributedReason != UnattributedReason.NEVER_SEEN || peer.address == null) {
            return false;
        }
        // traffic from the address: a task reaching for unowned addresses is a sweep's or a scan's business
        if (flow.taskInitiated()) {
            return false;
        }
        boolean inTaskSubnets = taskSubnets.isEmpty() ? peer.peerClass == PeerClass.SAME_VPC
                : taskSubnets.find(peer.address) != null;
        return inTaskSubnets && allow.find(peer.address) == null;
    }

    /** Whether the task's side is the one whose interface recorded the record (its v7 fields describe that side). */
    private static boolean recordedBy(TaskFlow flow) {
        FlowRecord record = flow.record();
        if ("egress".equals(record.flowDirection)) {
            return flow.taskIsSource;
        }
        if ("ingress".equals(record.flowDirection)) {
            return !flow.taskIsSource;
        }
        return false;
    }

    @Override
    public void onTime(ServiceState state, long now, AlertBook book) {
        long horizon = now - settings.window().toSeconds();
        state.unknownWorkload.sightings.values().removeIf(seen -> seen.latest < horizon);
    }

    @Override
    public boolean isEmpty(ServiceState state) {
        return state.unknownWorkload.sightings.isEmpty();
    }
}
