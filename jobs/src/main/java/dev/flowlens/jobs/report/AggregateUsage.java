package dev.flowlens.jobs.report;

import dev.flowlens.report.Period;
import dev.flowlens.report.UsageAggregate;
import dev.flowlens.report.UsageFlow;
import org.apache.flink.api.common.functions.AggregateFunction;

/** One subtask's part of the usage report: its flows into a {@link UsageAggregate}, emitted as bytes at the end. */
final class AggregateUsage implements AggregateFunction<UsageFlow, UsageAggregate, byte[]> {
    private static final long serialVersionUID = 1L;

    private final long periodStart;
    private final long periodEnd;

    AggregateUsage(Period period) {
        this.periodStart = period.start();
        this.periodEnd = period.end();
    }

    @Override
    public UsageAggregate createAccumulator() {
        return new UsageAggregate(new Period(periodStart, periodEnd));
    }

    @Override
    public UsageAggregate add(UsageFlow flow, UsageAggregate aggregate) {
        aggregate.add(flow);
        return aggregate;
    }

    @Override
    public byte[] getResult(UsageAggregate aggregate) {
        return aggregate.toBytes();
    }

    @Override
    public UsageAggregate merge(UsageAggregate a, UsageAggregate b) {
        a.merge(b);
        return a;
    }
}
