package dev.flowlens.jobs.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
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
 * The file outputs of the enrichment job, committed by Flink's FileSink: enriched flows as JSON lines and as a
 * Parquet dataset partitioned {@code dt=/hour=}, and dead letters as JSON lines.
 */
public final class FileSinks implements EnrichmentTopology.Sinks {
    private static final JsonFactory JSON = new JsonFactory();

    private final String enrichedDir;
    private final String parquetDir;
    private final String deadLetterDir;

    /**
     * @param enrichedDir where enriched flows go as JSON lines, or {@code null} for none
     * @param parquetDir where the Parquet dataset goes, or {@code null} for none
     */
    public FileSinks(String enrichedDir, String parquetDir, String deadLetterDir) {
        this.enrichedDir = enrichedDir;
        this.parquetDir = parquetDir;
        this.deadLetterDir = deadLetterDir;
    }

    @Override
    public void enriched(DataStream<EnrichedFlow> flows) {
        if (enrichedDir != null) {
            flows.sinkTo(FileSink.forRowFormat(new Path(enrichedDir), (Encoder<EnrichedFlow>) FileSinks::writeFlow)
                    .withBucketAssigner(new BasePathBucketAssigner<>())
                    .withRollingPolicy(OnCheckpointRollingPolicy.build()).build())
                    .uid("enriched-json").name("enriched flows (JSON lines)");
        }
        if (parquetDir != null) {
            flows.sinkTo(FileSink.forBulkFormat(new Path(parquetDir),
                            new ParquetWriterFactory<>(EnrichedFlowParquet.builder()))
                    .withBucketAssigner(new HivePartitions())
                    .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("flows")
                            .withPartSuffix(".snappy.parquet").build())
                    .build())
                    .uid("enriched-parquet").name("enriched flows (Parquet)");
        }
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(FileSink.forRowFormat(new Path(deadLetterDir),
                        (Encoder<DeadLetter>) FileSinks::writeDeadLetter)
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build()).build())
                .uid("dead-letters-json").name("dead letters (JSON lines)");
    }

    private static void writeFlow(EnrichedFlow flow, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(new NoClose(out))) {
            EnrichedFlowJson.write(json, flow);
        }
        out.write('\n');
    }

    private static void writeDeadLetter(DeadLetter letter, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(new NoClose(out))) {
            json.writeStartObject();
            json.writeStringField("error", letter.message);
            json.writeStringField("reason", letter.reason.name());
            json.writeStringField("origin", letter.origin.toString());
            json.writeStringField("raw", letter.raw);
            json.writeEndObject();
        }
        out.write('\n');
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
