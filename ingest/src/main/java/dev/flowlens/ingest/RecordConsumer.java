package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.FlowRecord;

/** Where readers put what they read: every input ends as exactly one record, one dead letter, or a header. */
public interface RecordConsumer {
    void record(FlowRecord record);

    /** The format of the records that follow (at the start of an input, and after each header line). */
    default void formatChanged(FlowLogFormat format) {}

    void deadLetter(DeadLetter deadLetter);
}
