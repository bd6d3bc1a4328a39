package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.EnrichedFlow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Hive-style partitions {@code dt=YYYY-MM-DD/hour=HH} by the flow's capture start (UTC), so Athena, Glue and DuckDB
 * prune by time. Records without a time go to {@code dt=unknown/hour=unknown}.
 */
public final class HivePartitions implements BucketAssigner<EnrichedFlow, String> {
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH")
            .withZone(ZoneOffset.UTC);

    @Override
    public String getBucketId(EnrichedFlow flow, Context context) {
        return partition(flow.record.start != null ? flow.record.start : flow.record.end);
    }

    static String partition(Long epochSeconds) {
        return epochSeconds == null ? "dt=unknown/hour=unknown" : PARTITION.format(Instant.ofEpochSecond(epochSeconds));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
