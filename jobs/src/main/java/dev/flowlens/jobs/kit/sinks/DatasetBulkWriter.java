package dev.flowlens.jobs.kit.sinks;

import java.io.IOException;
import java.io.Serializable;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;

/**
 * A {@link DatasetFileWriter} as the bulk writer of Flink's {@code FileSink}: a bulk part file is only committed
 * whole ({@link #finish}, at a checkpoint or the end of input), so the buffered run stays until then.
 *
 * @param <T> the record type
 */
final class DatasetBulkWriter<T> implements BulkWriter<T> {
    private final DatasetFileWriter<T> file;
    private final BulkWriter<Object[]> parquet;

    private DatasetBulkWriter(DatasetParquet<T> dataset, BulkWriter<Object[]> parquet) {
        this.parquet = parquet;
        this.file = new DatasetFileWriter<>(dataset, new DatasetFileWriter.Rows() {
            @Override
            public void write(Object[] row) throws IOException {
                parquet.addElement(row);
            }

            @Override
            public void close() throws IOException {
                parquet.finish();
            }
        });
    }

    @Override
    public void addElement(T record) throws IOException {
        file.add(record);
    }

    @Override
    public void flush() throws IOException {
        parquet.flush();
    }

    @Override
    public void finish() throws IOException {
        file.finish();
    }

    /** The factory Flink ships: it names the dataset through a static field's supplier. */
    static final class Factory<T> implements BulkWriter.Factory<T> {
        private static final long serialVersionUID = 1L;
        private final SerializableSupplier<DatasetParquet<T>> dataset;

        Factory(SerializableSupplier<DatasetParquet<T>> dataset) {
            this.dataset = dataset;
        }

        @Override
        public BulkWriter<T> create(FSDataOutputStream stream) throws IOException {
            DatasetParquet<T> rows = dataset.get();
            return new DatasetBulkWriter<>(rows,
                    new ParquetWriterFactory<Object[]>(file -> rows.rowWriter(file)).create(stream));
        }
    }

    /** A supplier Flink can ship. */
    @FunctionalInterface
    interface SerializableSupplier<V> extends Supplier<V>, Serializable {}
}
