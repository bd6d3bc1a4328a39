package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.parquet.schema.MessageType;

/**
 * Enriched flows as Parquet rows, in the columns and types of the dataset contract {@link EnrichedFlowColumns}
 * (documented in {@code schemas/enriched-flow.md}). Snappy-compressed.
 */
public final class EnrichedFlowParquet {
    private static final DatasetParquet<EnrichedFlow> ROWS = new DatasetParquet<>(EnrichedFlowColumns.DATASET,
            EnrichedFlowColumns.ALL.stream().map(c -> new DatasetParquet.Column<>(c.name(), c.type(), c.nullable(),
                    c.value())).toList());
    public static final MessageType SCHEMA = ROWS.schema();

    private EnrichedFlowParquet() {}

    /** The writer factory argument for Flink's {@code ParquetWriterFactory}. */
    public static ParquetBuilder<EnrichedFlow> builder() {
        return out -> ROWS.writer(out);
    }
}
