package dev.flowlens.sim;

import dev.flowlens.schemas.FlowRecord;

/** The key that ties an output flow back to its ground truth: the recording interface and the 5-tuple at a time. */
public final class TruthKey {
    private TruthKey() {}

    public static String of(FlowRecord record) {
        return of(record.interfaceId, record.srcAddr, record.srcPort, record.dstAddr, record.dstPort, record.protocol,
                record.start);
    }

    public static String of(Object interfaceId, Object srcAddr, Object srcPort, Object dstAddr, Object dstPort,
            Object protocol, Object start) {
        return text(interfaceId) + '|' + text(srcAddr) + '|' + text(srcPort) + '|' + text(dstAddr) + '|'
                + text(dstPort) + '|' + text(protocol) + '|' + text(start);
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
