package dev.flowlens.jobs.detect.operators;

import dev.flowlens.schemas.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts the detection job's dead letters on their way into the dead-letter sink, in the accumulator
 * {@link #DEAD_LETTERS}, so a run can report them (and exit 1). The enrichment job has its own counter in its package;
 * a job does not use another job's package.
 */
public final class CountDetectionDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    /** The accumulator of dead letters. */
    public static final String DEAD_LETTERS = "flowlens.detect.deadLetters";

    private transient LongCounter count;

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getLongCounter(DEAD_LETTERS);
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        count.add(1L);
        return letter;
    }
}
