package dev.flowlens.jobs.kit;

import dev.flowlens.schemas.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts every dead letter on its way into the dead-letter sink, where the letters of all operators meet, in the
 * accumulator {@link #DEAD_LETTERS}: the job's result and client carry it, so a run can report it (and exit 1). Every
 * job counts its dead letters with it.
 */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    /** The accumulator of dead letters. */
    public static final String DEAD_LETTERS = "flowlens.deadLetters";

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
