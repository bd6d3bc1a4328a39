package dev.flowlens.jobs.kit.sinks;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * One Parquet part file of a dataset, its rows sorted within runs: records are turned into rows as they arrive
 * (so a reused input object is never held), buffered up to the layout's run size, sorted by its order and written
 * as a run. Sorting puts repeating values next to each other (long RLE runs, small dictionaries, ZSTD matches) and
 * narrows row-group and page statistics; memory is bounded by one run per open part file. A dataset without an
 * order is written as it arrives.
 *
 * @param <T> the record type
 */
public final class DatasetFileWriter<T> implements BulkWriter<T> {
    private final DatasetParquet<T> dataset;
    private final BulkWriter<Object[]> out;
    private final Comparator<Object[]> order;
    private final Object[][] run;
    private int buffered;

    DatasetFileWriter(DatasetParquet<T> dataset, BulkWriter<Object[]> out) {
        this.dataset = dataset;
        this.out = out;
        this.order = dataset.order();
        this.run = new Object[order == null ? 0 : dataset.layout().runRows()][];
    }

    /** A writer of this dataset's rows to a Parquet file outside Flink (a harness, a copy). */
    static <T> DatasetFileWriter<T> to(DatasetParquet<T> dataset, OutputFile file) throws IOException {
        ParquetWriter<Object[]> writer = dataset.rowWriter(file);
        return new DatasetFileWriter<>(dataset, new BulkWriter<>() {
            @Override
            public void addElement(Object[] row) throws IOException {
                writer.write(row);
            }

            @Override
            public void flush() {}

            @Override
            public void finish() throws IOException {
                writer.close();
            }
        });
    }

    @Override
    public void addElement(T record) throws IOException {
        addRow(dataset.row(record));
    }

    /** Adds one row already in column order (as {@link DatasetParquet#row} makes it). */
    public void addRow(Object[] row) throws IOException {
        if (order == null) {
            out.addElement(row);
            return;
        }
        run[buffered++] = row;
        if (buffered == run.length) {
            writeRun();
        }
    }

    private void writeRun() throws IOException {
        Arrays.sort(run, 0, buffered, order);
        for (int i = 0; i < buffered; i++) {
            out.addElement(run[i]);
            run[i] = null;
        }
        buffered = 0;
    }

    /** Bulk part files are only committed whole ({@link #finish}), so the buffered run stays until then. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        writeRun();
        out.finish();
    }

    /** The factory Flink's {@code FileSink} ships: it names the dataset through a static field's supplier. */
    static final class Factory<T> implements BulkWriter.Factory<T> {
        private static final long serialVersionUID = 1L;
        private final SerializableSupplier<DatasetParquet<T>> dataset;

        Factory(SerializableSupplier<DatasetParquet<T>> dataset) {
            this.dataset = dataset;
        }

        @Override
        public BulkWriter<T> create(FSDataOutputStream stream) throws IOException {
            DatasetParquet<T> rows = dataset.get();
            return new DatasetFileWriter<>(rows,
                    new ParquetWriterFactory<Object[]>(file -> rows.rowWriter(file)).create(stream));
        }
    }

    /** A supplier Flink can ship. */
    @FunctionalInterface
    interface SerializableSupplier<V> extends Supplier<V>, Serializable {}
}
