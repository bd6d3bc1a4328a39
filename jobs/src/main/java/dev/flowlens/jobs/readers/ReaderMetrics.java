package dev.flowlens.jobs.readers;

import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.schemas.DeadLetter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;

/** The flow-log readers' metrics, in group {@code flowlens}: {@code records} read and {@code deadLetters}. */
public final class ReaderMetrics {
    private final Counter recordsIn;
    private final Counter deadLettered;

    public ReaderMetrics(MetricGroup operator) {
        MetricGroup metrics = operator.addGroup("flowlens");
        recordsIn = metrics.counter("records");
        deadLettered = metrics.counter("deadLetters");
    }

    public void record() {
        recordsIn.inc();
    }

    /** Counts a dead letter and hands it to {@code output} (a function context's side output). */
    public void deadLetter(DeadLetter deadLetter, SideOutput output) {
        deadLettered.inc();
        output.output(DeadLetters.TAG, deadLetter);
    }

    /** What both kinds of function context offer for side outputs. */
    public interface SideOutput {
        void output(OutputTag<DeadLetter> tag, DeadLetter deadLetter);
    }
}
