package dev.flowlens.jobs.kit;

import dev.flowlens.schemas.DeadLetter;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends what it cannot read to; the job unions them into the dead-letter sink. */
public final class DeadLetters {
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") { };

    private DeadLetters() {}
}
