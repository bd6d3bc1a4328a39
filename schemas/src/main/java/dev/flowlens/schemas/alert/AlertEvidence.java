package dev.flowlens.schemas.alert;

import dev.flowlens.schemas.FlowRecord;
import java.util.ArrayList;
import java.util.List;

/** What an alert rests on: totals over its window, distinct counts, and a few of its flows. */
public class AlertEvidence {
    /** A few sample flows are enough for a person to see the pattern; alerts stay small. */
    public static final int MAX_SAMPLES = 5;

    /** Flow-log records counted. */
    public long flows;
    public long packets;
    public long bytes;
    /** Of the flows, those REJECTed. */
    public long rejected;
    /** Distinct peer ports seen (a port scan's measure). */
    public long distinctPorts;
    /** Distinct peer addresses seen (a sweep's measure). */
    public long distinctHosts;
    /** At most {@link #MAX_SAMPLES} flows, each as {@link #sample(FlowRecord)} writes it. */
    public List<String> samples = new ArrayList<>();

    public AlertEvidence() {}

    /** Adds {@code record} to the samples unless there are {@link #MAX_SAMPLES} already; whether it was added. */
    public boolean addSample(FlowRecord record) {
        if (samples.size() >= MAX_SAMPLES) {
            return false;
        }
        samples.add(sample(record));
        return true;
    }

    /**
     * A flow in one line: {@code start srcaddr:srcport > dstaddr:dstport protocol action packets bytes}, e.g.
     * {@code 1714986720 10.0.1.5:49152 > 192.0.2.200:443 6 ACCEPT 150000 225000000}; absent fields are {@code -}.
     */
    public static String sample(FlowRecord r) {
        return text(r.start) + ' ' + text(r.srcAddr) + ':' + text(r.srcPort) + " > " + text(r.dstAddr) + ':'
                + text(r.dstPort) + ' ' + text(r.protocol) + ' ' + text(r.action) + ' ' + text(r.packets) + ' '
                + text(r.bytes);
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
