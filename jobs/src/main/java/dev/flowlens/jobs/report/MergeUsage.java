package dev.flowlens.jobs.report;

import dev.flowlens.report.Period;
import dev.flowlens.report.UsageAggregate;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapPartitionFunction;
import org.apache.flink.util.Collector;

/**
 * The subtasks' parts merged into the whole report's aggregate (one subtask), which it emits once; the records of
 * the period it counted go to the accumulator {@value #RECORDS}, so the runner can tell an empty period.
 */
final class MergeUsage extends RichMapPartitionFunction<byte[], byte[]> {
    private static final long serialVersionUID = 1L;
    /** The accumulator of the period's flow records. */
    static final String RECORDS = "usage-report.records";

    private final long periodStart;
    private final long periodEnd;
    private transient LongCounter records;

    MergeUsage(Period period) {
        this.periodStart = period.start();
        this.periodEnd = period.end();
    }

    @Override
    public void open(OpenContext context) {
        records = new LongCounter();
        getRuntimeContext().addAccumulator(RECORDS, records);
    }

    @Override
    public void mapPartition(Iterable<byte[]> parts, Collector<byte[]> out) {
        UsageAggregate whole = new UsageAggregate(new Period(periodStart, periodEnd));
        for (byte[] part : parts) {
            whole.merge(UsageAggregate.fromBytes(part));
        }
        records.add(whole.records());
        out.collect(whole.toBytes());
    }
}
