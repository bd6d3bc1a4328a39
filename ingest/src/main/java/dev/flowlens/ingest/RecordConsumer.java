package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.FlowRecord;

/** Where readers put what they read: every input ends as exactly one record, one dead letter, or a header. */
public interface RecordConsumer {
    void record(FlowRecord record);

    void deadLetter(DeadLetter deadLetter);
}
