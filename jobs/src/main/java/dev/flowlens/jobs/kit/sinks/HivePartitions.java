package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.alert.Alert;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Hive-style partitions {@code dt=YYYY-MM-DD/hour=HH} by a record's event time (UTC), so Athena, Glue and DuckDB
 * prune by time: a flow's capture start, an alert's window start. Records without a time go to
 * {@code dt=unknown/hour=unknown}.
 *
 * @param <T> the record type
 */
public final class HivePartitions<T> implements BucketAssigner<T, String> {
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH")
            .withZone(ZoneOffset.UTC);

    /** A record's event time in epoch seconds, or {@code null} when it has none. */
    @FunctionalInterface
    public interface EventSeconds<T> extends Serializable {
        Long of(T record);
    }

    private final EventSeconds<T> time;
    // the last partition named, by its hour since the epoch: a writer's records mostly fall in one hour, and
    // formatting a date per record cost a twentieth of the Parquet sink's time
    private transient long lastHour;
    private transient String lastPartition;

    private HivePartitions(EventSeconds<T> time) {
        this.time = time;
    }

    /** Flows by their capture start (their end when the start is absent). */
    public static HivePartitions<EnrichedFlow> byFlowStart() {
        return new HivePartitions<>(flow -> flow.record.start != null ? flow.record.start : flow.record.end);
    }

    /** Alerts by their window's start, so an alert lies in the partition of the flows it began with. */
    public static HivePartitions<Alert> byAlertStart() {
        return new HivePartitions<>(alert -> alert.start);
    }

    @Override
    public String getBucketId(T record, Context context) {
        Long seconds = time.of(record);
        if (seconds == null) {
            return partition(null);
        }
        long hour = Math.floorDiv(seconds, 3600L);
        if (lastPartition == null || hour != lastHour) {
            lastPartition = partition(seconds);
            lastHour = hour;
        }
        return lastPartition;
    }

    static String partition(Long epochSeconds) {
        return epochSeconds == null ? "dt=unknown/hour=unknown" : PARTITION.format(Instant.ofEpochSecond(epochSeconds));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
