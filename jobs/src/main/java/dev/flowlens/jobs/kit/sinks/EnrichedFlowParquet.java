package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Enriched flows as Parquet rows, in the columns and types of the dataset contract {@link EnrichedFlowColumns}
 * (documented in {@code schemas/enriched-flow.md}), in the layout {@link #LAYOUT}: ZSTD, rows sorted by conversation
 * within runs of {@value #RUN_ROWS}, bloom filters on the addresses.
 */
public final class EnrichedFlowParquet {
    /** Rows sorted at a time: an hour file of the default fleet's day is one or two runs. */
    static final int RUN_ROWS = 65_536;

    /**
     * Sorted by conversation: one interface's flows to one destination port and address sit together, so their
     * repeating columns (addresses, ports, the far end's task identity, services) compress to runs; measured against
     * interface then time in {@code bench/README.md}.
     */
    public static final DatasetLayout LAYOUT = new DatasetLayout(CompressionCodecName.ZSTD, 0, true,
            // counters rarely repeat within a column chunk: a dictionary only costs its fallback
            Set.of("packets", "bytes"),
            // identifiers no investigation or report filters on: their min/max never prune
            Set.of("account_id", "vpc_id", "subnet_id", "instance_id", "ecs_cluster_arn",
                    "ecs_container_instance_arn", "ecs_container_instance_id", "ecs_container_id",
                    "ecs_second_container_id", "ecs_task_definition_arn", "ecs_task_arn", "ecs_task_id", "resource_id",
                    "src_task_arn", "dst_task_arn", "src_eni_id", "dst_eni_id", "src_task_definition",
                    "dst_task_definition"),
            // who talked to this address: a file or row group without it is skipped by its bloom filter
            Set.of("srcaddr", "dstaddr"),
            List.of("interface_id", "dstport", "dstaddr", "srcaddr", "srcport", "start"),
            RUN_ROWS);

    private static final DatasetParquet<EnrichedFlow> ROWS = new DatasetParquet<>(EnrichedFlowColumns.DATASET,
            columns(), LAYOUT);
    public static final MessageType SCHEMA = ROWS.schema();

    private EnrichedFlowParquet() {}

    /** The rows and layout the job writes (for {@link FileSinks}). */
    static DatasetParquet<EnrichedFlow> rows() {
        return ROWS;
    }

    /**
     * A writer of records in arrival order with this layout's compression, dictionaries, statistics and bloom
     * filters (the argument of Flink's {@code ParquetWriterFactory}; tests write small files with it).
     */
    public static ParquetBuilder<EnrichedFlow> builder() {
        return out -> ROWS.writer(out);
    }

    /** The job's writer of rows (values in column order, as a reader gets them) to a file outside Flink. */
    public static DatasetFileWriter<EnrichedFlow> rowWriter(OutputFile file) throws IOException {
        return DatasetFileWriter.to(ROWS, file);
    }

    /** A writer of rows with another layout than the job's: to measure one against the other. */
    public static DatasetFileWriter<EnrichedFlow> rowWriter(OutputFile file, DatasetLayout layout)
            throws IOException {
        return DatasetFileWriter.to(new DatasetParquet<>(EnrichedFlowColumns.DATASET, columns(), layout), file);
    }

    private static List<DatasetParquet.Column<EnrichedFlow>> columns() {
        return EnrichedFlowColumns.ALL.stream().map(c -> new DatasetParquet.Column<>(c.name(), c.type(),
                c.nullable(), c.value())).toList();
    }

    /** A record's values in column order, as {@link #rowWriter} takes them. */
    public static Object[] row(EnrichedFlow flow) {
        return ROWS.row(flow);
    }
}
