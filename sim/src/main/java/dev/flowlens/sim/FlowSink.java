package dev.flowlens.sim;

import dev.flowlens.schemas.FlowRecord;

/** Where the simulation puts each flow-log record, with the true task of each end ({@code null}: no task). */
public interface FlowSink {
    void accept(FlowRecord record, String srcTask, String dstTask, String tags);
}
