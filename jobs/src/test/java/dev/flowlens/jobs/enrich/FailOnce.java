package dev.flowlens.jobs.enrich;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes elements through, but the first attempt of each subtask fails after {@code failAfter} records, leaving a
 * marker file so the test can tell the failure did happen.
 */
final class FailOnce<T> extends RichMapFunction<T, T> {
    private final int failAfter;
    private final String marker;
    private transient int seen;
    private transient boolean firstAttempt;

    FailOnce(int failAfter, String marker) {
        this.failAfter = failAfter;
        this.marker = marker;
    }

    @Override
    public void open(OpenContext openContext) {
        firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public T map(T record) {
        if (firstAttempt && ++seen == failAfter) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(marker + "-" + getRuntimeContext().getTaskInfo()
                        .getIndexOfThisSubtask()), "failed");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("injected failure after " + failAfter + " records");
        }
        return record;
    }
}
