package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.s3.S3ObjectRef;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes the first announcement of each S3 object and drops the others. S3 delivers event notifications at least
 * once, and SQS hands a message out again when its delete failed or its visibility timed out, possibly to another
 * reader, which cannot know the first reader's message ids. Keyed by {@link #key} (the object's identity), every copy
 * meets the same state wherever it was read; the state is checkpointed with the output, so after a restart exactly
 * the objects whose records the restored checkpoint holds are skipped. An entry lives for the time to live
 * (processing time) after the first announcement; a copy later than that is read again.
 */
public final class FirstAnnouncement extends KeyedProcessFunction<String, S3ObjectRef, S3ObjectRef> {
    /** Entries checked per state access by the heap backend's incremental cleanup. */
    private static final int CLEANUP_PER_ACCESS = 10;

    private final Duration ttl;
    private transient ValueState<Boolean> announced;

    public FirstAnnouncement(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("the time to remember announced objects must be positive, not " + ttl);
        }
        this.ttl = ttl;
    }

    /** The key of the stream this function runs on. */
    public static String key(S3ObjectRef object) {
        return object.identity();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("announced", Types.BOOLEAN);
        // Expired entries are dropped as the state is used (heap), by compaction (RocksDB) and from full snapshots.
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).updateTtlOnCreateAndWrite().neverReturnExpired()
                .cleanupIncrementally(CLEANUP_PER_ACCESS, false).cleanupFullSnapshot().build());
        announced = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(S3ObjectRef object, Context context, Collector<S3ObjectRef> out) throws Exception {
        if (announced.value() == null) {
            announced.update(true);
            out.collect(object);
        }
    }
}
