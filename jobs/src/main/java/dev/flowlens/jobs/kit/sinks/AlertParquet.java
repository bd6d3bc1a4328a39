package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.dataset.AlertColumns;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.parquet.schema.MessageType;

/**
 * Alerts as Parquet rows, in the columns and types of the dataset contract {@link AlertColumns} (documented in
 * {@code schemas/alert.md}). ZSTD-compressed, in arrival order (alerts are few).
 */
public final class AlertParquet {
    private static final DatasetParquet<Alert> ROWS = new DatasetParquet<>(AlertColumns.DATASET,
            AlertColumns.ALL.stream().map(c -> new DatasetParquet.Column<>(c.name(), c.type(), c.nullable(),
                    c.value())).toList());
    public static final MessageType SCHEMA = ROWS.schema();

    private AlertParquet() {}

    /** The writer factory argument for Flink's {@code ParquetWriterFactory}. */
    public static ParquetBuilder<Alert> builder() {
        return out -> ROWS.writer(out);
    }
}
