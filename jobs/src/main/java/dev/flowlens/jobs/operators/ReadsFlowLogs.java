package dev.flowlens.jobs.operators;

import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.FlowRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** What the flow-log reading functions share: records out, rejects to the dead letters, both counted. */
abstract class ReadsFlowLogs<IN> extends ProcessFunction<IN, FlowRecord> {
    private transient Counter recordsIn;
    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("flowlens");
        recordsIn = metrics.counter("records");
        deadLettered = metrics.counter("deadLetters");
    }

    /** A consumer for the readers that emits records and side-outputs dead letters. */
    RecordConsumer consumer(Context context, Collector<FlowRecord> out) {
        return new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
                recordsIn.inc();
                out.collect(record);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                ReadsFlowLogs.this.deadLetter(context, deadLetter);
            }
        };
    }

    void deadLetter(Context context, DeadLetter deadLetter) {
        deadLettered.inc();
        context.output(ReadFlowLogFile.DEAD_LETTERS, deadLetter);
    }
}
