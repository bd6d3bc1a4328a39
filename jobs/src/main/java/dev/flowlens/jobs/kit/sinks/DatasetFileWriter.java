package dev.flowlens.jobs.kit.sinks;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.io.OutputFile;

/**
 * One Parquet part file of a dataset, its rows sorted within runs: records are turned into rows as they arrive
 * (so a reused input object is never held), buffered up to the layout's run size, sorted by its order and written
 * as a run. Sorting puts repeating values next to each other (long RLE runs, small dictionaries, ZSTD matches) and
 * narrows row-group and page statistics; memory is bounded by one run per open part file. A dataset without an
 * order is written as it arrives. Free of Flink types (readers and harnesses use it without Flink);
 * {@link DatasetBulkWriter} is its Flink side.
 *
 * @param <T> the record type
 */
public final class DatasetFileWriter<T> {
    /** Where the sorted rows go: a Parquet writer, directly or through Flink's bulk writer. */
    interface Rows {
        void write(Object[] row) throws IOException;

        void close() throws IOException;
    }

    private final DatasetParquet<T> dataset;
    private final Rows out;
    private final RunOrder order;
    private final Object[][] run;
    private int buffered;

    DatasetFileWriter(DatasetParquet<T> dataset, Rows out) {
        this.dataset = dataset;
        this.out = out;
        int[] sortColumns = dataset.sortColumns();
        int runRows = sortColumns.length == 0 ? 0 : dataset.layout().runRows();
        this.order = sortColumns.length == 0 ? null : new RunOrder(sortColumns, runRows);
        this.run = new Object[runRows][];
    }

    /** A writer of this dataset's rows to a Parquet file outside Flink (a harness, a copy). */
    static <T> DatasetFileWriter<T> to(DatasetParquet<T> dataset, OutputFile file) throws IOException {
        return new DatasetFileWriter<>(dataset, dataset.rowFile(file));
    }

    public void add(T record) throws IOException {
        addRow(dataset.row(record));
    }

    /** Adds one row already in column order (as {@link DatasetParquet#row} makes it). */
    public void addRow(Object[] row) throws IOException {
        if (order == null) {
            out.write(row);
            return;
        }
        order.add(row);
        run[buffered++] = row;
        if (buffered == run.length) {
            writeRun();
        }
    }

    private void writeRun() throws IOException {
        if (buffered == 0) {
            return;
        }
        for (int position : order.order()) {
            out.write(run[position]);
        }
        Arrays.fill(run, 0, buffered, null);
        order.clear();
        buffered = 0;
    }

    /** Writes the buffered run and closes the file. */
    public void finish() throws IOException {
        writeRun();
        out.close();
    }
}
