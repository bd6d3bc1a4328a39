package dev.flowlens.jobs.operators;

import dev.flowlens.schemas.DeadLetter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;

/** The flow-log readers' metrics, in group {@code flowlens}: {@code records} read and {@code deadLetters}. */
final class ReaderMetrics {
    private final Counter recordsIn;
    private final Counter deadLettered;

    ReaderMetrics(MetricGroup operator) {
        MetricGroup metrics = operator.addGroup("flowlens");
        recordsIn = metrics.counter("records");
        deadLettered = metrics.counter("deadLetters");
    }

    void record() {
        recordsIn.inc();
    }

    /** Counts a dead letter and hands it to {@code output} (a function context's side output). */
    void deadLetter(DeadLetter deadLetter, SideOutput output) {
        deadLettered.inc();
        output.output(ReadFlowLogFile.DEAD_LETTERS, deadLetter);
    }

    /** What both kinds of function context offer for side outputs. */
    interface SideOutput {
        void output(OutputTag<DeadLetter> tag, DeadLetter deadLetter);
    }
}
