package dev.flowlens.jobs.kit.sinks;

import java.io.IOException;
import java.io.Serializable;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A {@link DatasetFileWriter} as the bulk writer of Flink's {@code FileSink}: a bulk part file is only committed
 * whole ({@link #finish}, at a checkpoint or the end of input), so the buffered run stays until then. Rows go to a
 * {@link ParquetRowFile} on the part file's stream, which the sink owns and closes.
 *
 * @param <T> the record type
 */
final class DatasetBulkWriter<T> implements BulkWriter<T> {
    private final DatasetFileWriter<T> file;

    private DatasetBulkWriter(DatasetFileWriter<T> file) {
        this.file = file;
    }

    @Override
    public void addElement(T record) throws IOException {
        file.add(record);
    }

    /** Nothing to flush before {@link #finish}: a Parquet file is only readable with its footer. */
    @Override
    public void flush() {}

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
            return new DatasetBulkWriter<>(new DatasetFileWriter<>(rows, rows.rowFile(new PartFile(stream))));
        }
    }

    /**
     * A part file's stream as Parquet's {@link OutputFile}, as Flink's own {@code ParquetWriterFactory} wraps it:
     * created once, no block size, and closing it leaves the stream open for the sink to commit.
     */
    static final class PartFile implements OutputFile {
        private final FSDataOutputStream stream;
        private boolean created;

        PartFile(FSDataOutputStream stream) {
            this.stream = stream;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            if (created) {
                throw new IllegalStateException("the part file's stream is already in use by a Parquet writer");
            }
            created = true;
            return new PositionOutputStream() {
                @Override
                public long getPos() throws IOException {
                    return stream.getPos();
                }

                @Override
                public void write(int b) throws IOException {
                    stream.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    stream.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    stream.flush();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 64L * 1024 * 1024;
        }
    }

    /** A supplier Flink can ship. */
    @FunctionalInterface
    interface SerializableSupplier<V> extends Supplier<V>, Serializable {}
}
