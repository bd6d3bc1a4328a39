package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** What the flow-log reading functions share: records out, rejects to the dead letters, both counted. */
abstract class ReadsFlowLogs<IN> extends ProcessFunction<IN, FlowRecord> {
    private transient ReaderMetrics metrics;

    @Override
    public void open(OpenContext openContext) {
        metrics = new ReaderMetrics(getRuntimeContext().getMetricGroup());
    }

    /** A consumer for the readers that emits records and side-outputs dead letters. */
    RecordConsumer consumer(Context context, Collector<FlowRecord> out) {
        return new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
                metrics.record();
                out.collect(record);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                ReadsFlowLogs.this.deadLetter(context, deadLetter);
            }
        };
    }

    void deadLetter(Context context, DeadLetter deadLetter) {
        metrics.deadLetter(deadLetter, context::output);
    }
}
