package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.api.java.functions.KeySelector;

/** Flows keyed by the interface that logged them (by source address when the format has no interface id). */
public final class InterfaceKey implements KeySelector<FlowRecord, String> {
    @Override
    public String getKey(FlowRecord flow) {
        if (flow.interfaceId != null) {
            return flow.interfaceId;
        }
        return flow.srcAddr != null ? flow.srcAddr : "-";
    }
}
