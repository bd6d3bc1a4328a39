package dev.flowlens.jobs.kit.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * File outputs committed by Flink's FileSink: JSON lines (rolled on each checkpoint, so they become visible at
 * checkpoints in streaming jobs), the enriched and the alert Parquet datasets partitioned {@code dt=/hour=}, and dead
 * letters.
 */
public final class FileSinks {
    private static final JsonFactory JSON = new JsonFactory();

    private FileSinks() {}

    /** Writes {@code records} as JSON lines under {@code directory}, each encoded by {@code encoder}. */
    public static <T> void jsonLines(DataStream<T> records, String directory, JsonEncoder<T> encoder, String uid,
            String name) {
        records.sinkTo(FileSink.forRowFormat(new Path(directory), (Encoder<T>) (record, out) -> {
                    try (JsonGenerator json = JSON.createGenerator(new NoClose(out))) {
                        encoder.write(json, record);
                    }
                    out.write('\n');
                })
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build()).build())
                .uid(uid).name(name);
    }

    /** Enriched flows as JSON lines, one object per flow as {@link EnrichedFlowJson} writes it. */
    public static void enrichedJson(DataStream<EnrichedFlow> flows, String directory) {
        jsonLines(flows, directory, EnrichedFlowJson::write, "enriched-json", "enriched flows (JSON lines)");
    }

    /** Enriched flows as the Parquet dataset, partitioned {@code dt=/hour=} by the flow's start. */
    public static void enrichedParquet(DataStream<EnrichedFlow> flows, String directory) {
        flows.sinkTo(FileSink.forBulkFormat(new Path(directory),
                        new DatasetBulkWriter.Factory<>(EnrichedFlowParquet::rows))
                .withBucketAssigner(HivePartitions.byFlowStart())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("flows")
                        .withPartSuffix(".zstd.parquet").build())
                .build())
                .uid("enriched-parquet").name("enriched flows (Parquet)");
    }

    /** Alerts as their Parquet dataset ({@link AlertParquet}), partitioned {@code dt=/hour=} by the alert's start. */
    public static void alertParquet(DataStream<Alert> alerts, String directory) {
        alerts.sinkTo(FileSink.forBulkFormat(new Path(directory), new ParquetWriterFactory<>(AlertParquet.builder()))
                .withBucketAssigner(HivePartitions.byAlertStart())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("alerts")
                        .withPartSuffix(".zstd.parquet").build())
                .build())
                .uid("alerts-parquet").name("alerts (Parquet)");
    }

    /** Dead letters as JSON lines: the error, its reason, the input's origin and the raw input. */
    public static void deadLetters(DataStream<DeadLetter> deadLetters, String directory) {
        jsonLines(deadLetters, directory, FileSinks::writeDeadLetter, "dead-letters-json",
                "dead letters (JSON lines)");
    }

    private static void writeDeadLetter(JsonGenerator json, DeadLetter letter) throws IOException {
        json.writeStartObject();
        json.writeStringField("error", letter.message);
        json.writeStringField("reason", letter.reason.name());
        json.writeStringField("origin", letter.origin.toString());
        json.writeStringField("raw", letter.raw);
        json.writeEndObject();
    }

    /** Writes one record as one JSON value. */
    @FunctionalInterface
    public interface JsonEncoder<T> extends java.io.Serializable {
        void write(JsonGenerator json, T record) throws IOException;
    }

    /** The part file's stream belongs to the sink: generators must not close it. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
