package dev.flowlens.investigate;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The expected answers, computed in plain Java straight over the flows in memory (not over the files, not in SQL):
 * every OK record starting in the range, each end that is the subject, the other end's totals.
 */
final class ReferenceAnswers {
    private ReferenceAnswers() {}

    private record Key(String taskId, String service, String cluster, List<String> groups, String address,
            String peerClass, String awsService) {}

    private static final class Totals {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long flows;
        long bytes;
        long packets;
        long accepted;
        long rejected;
    }

    static List<Counterpart> answer(List<EnrichedFlow> flows, Subject subject, TimeRange range) {
        Map<Key, Totals> totals = new HashMap<>();
        for (EnrichedFlow flow : flows) {
            FlowRecord record = flow.record;
            if (record.logStatus != null && !record.logStatus.equals("OK")) {
                continue;
            }
            if (range.from() != null && (record.start == null || record.start < range.from().getEpochSecond())) {
                continue;
            }
            if (range.until() != null && (record.start == null || record.start >= range.until().getEpochSecond())) {
                continue;
            }
            if (is(subject, flow, true)) {
                add(totals, flow, false);
            }
            if (is(subject, flow, false)) {
                add(totals, flow, true);
            }
        }
        List<Counterpart> rows = new ArrayList<>();
        totals.forEach((key, t) -> rows.add(new Counterpart(key.taskId(), key.service(), key.cluster(), key.groups(),
                key.address(), key.peerClass(), key.awsService(), Instant.ofEpochSecond(t.first),
                Instant.ofEpochSecond(t.last), t.flows, t.bytes, t.packets, t.accepted, t.rejected)));
        Comparator<String> text = Comparator.nullsLast(Comparator.naturalOrder());
        rows.sort(Comparator.comparingLong(Counterpart::bytes).reversed()
                .thenComparing(Comparator.comparingLong(Counterpart::flows).reversed())
                .thenComparing(Counterpart::taskId, text).thenComparing(Counterpart::address, text)
                .thenComparing(Counterpart::service, text).thenComparing(Counterpart::cluster, text)
                .thenComparing(Counterpart::peerClass, text).thenComparing(Counterpart::awsService, text)
                .thenComparing(Counterpart::securityGroups, Comparator.nullsLast((a, b) -> Arrays.compare(
                        a.toArray(new String[0]), b.toArray(new String[0])))));
        return rows;
    }

    private static boolean is(Subject subject, EnrichedFlow flow, boolean src) {
        FlowRecord record = flow.record;
        FlowEndpoint end = src ? flow.src : flow.dst;
        TaskIdentity task = end.task;
        String address = src ? record.srcAddr : record.dstAddr;
        return switch (subject.kind()) {
            case ADDRESS -> subject.value().equals(address);
            case CIDR -> {
                long number = address == null ? -1 : Subject.ipv4(address);
                yield number >= subject.cidrFirst() && number <= subject.cidrLast() && number >= 0;
            }
            case PORT -> Objects.equals(src ? record.srcPort : record.dstPort, Integer.parseInt(subject.value()));
            case AWS_SERVICE -> subject.value().equals(end.awsService)
                    || subject.value().equals(src ? record.pktSrcAwsService : record.pktDstAwsService);
            case SECURITY_GROUP -> task != null && task.securityGroups != null
                    && task.securityGroups.contains(subject.value());
            case TASK -> task != null && (subject.value().equals(task.taskId) || subject.value().equals(task.taskArn));
            case SERVICE -> task != null && subject.serviceName().equals(task.serviceName)
                    && (subject.cluster() == null || subject.cluster().equals(task.clusterName));
        };
    }

    /** Adds the flow to the totals of its {@code src} (or dst) end. */
    private static void add(Map<Key, Totals> totals, EnrichedFlow flow, boolean src) {
        FlowRecord record = flow.record;
        FlowEndpoint end = src ? flow.src : flow.dst;
        TaskIdentity task = end.task;
        String awsService = end.awsService != null ? end.awsService
                : src ? record.pktSrcAwsService : record.pktDstAwsService;
        Key key = task != null
                ? new Key(task.taskId, task.serviceName, task.clusterName,
                        task.securityGroups == null ? null : List.copyOf(task.securityGroups), null,
                        end.peerClass == null ? null : end.peerClass.wireName(), awsService)
                : new Key(null, null, null, null, src ? record.srcAddr : record.dstAddr,
                        end.peerClass == null ? null : end.peerClass.wireName(), awsService);
        Totals t = totals.computeIfAbsent(key, k -> new Totals());
        t.first = Math.min(t.first, record.start);
        t.last = Math.max(t.last, record.end != null ? record.end : record.start);
        t.flows++;
        t.bytes += record.bytes == null ? 0 : record.bytes;
        t.packets += record.packets == null ? 0 : record.packets;
        t.accepted += "ACCEPT".equals(record.action) ? 1 : 0;
        t.rejected += "REJECT".equals(record.action) ? 1 : 0;
    }
}
