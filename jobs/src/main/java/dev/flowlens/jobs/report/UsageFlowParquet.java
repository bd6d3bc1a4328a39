package dev.flowlens.jobs.report;

import dev.flowlens.report.UsageFlow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads enriched-flow Parquet files ({@code schemas.dataset.EnrichedFlowColumns}) as {@link UsageFlow}s, through
 * Flink's file systems (local or {@code s3://}): only the columns the usage report reads, one row group at a time,
 * in batches of {@value #BATCH} rows. A file is one split: Parquet's footer is at its end.
 */
final class UsageFlowParquet implements BulkFormat<UsageFlow, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 4096;

    @Override
    public Reader<UsageFlow> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new FlowReader(split.path(), split.fileSize(), 0);
    }

    /** A restored split resumes after the records its checkpointed position says were emitted. */
    @Override
    public Reader<UsageFlow> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FlowReader(split.path(), split.fileSize(), emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<UsageFlow> getProducedType() {
        return TypeInformation.of(UsageFlow.class);
    }

    /** A dataset file or folder to list: {@code dt=}/{@code hour=} folders and {@code .parquet} files, not hidden ones. */
    static boolean isDatasetPath(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false; // in-progress part files, _SUCCESS and the like
        }
        return name.endsWith(".parquet") || !name.contains(".");
    }

    private static final class FlowReader implements Reader<UsageFlow> {
        private final ParquetFileReader file;
        private final MessageType projection;
        private final MessageColumnIO columns;
        private final String[] names;
        private RecordReader<Group> rows;
        private long rowsLeft;
        private long emitted;

        FlowReader(Path path, long length, long skip) throws IOException {
            file = ParquetFileReader.open(new FlinkInputFile(path, length));
            MessageType schema = file.getFooter().getFileMetaData().getSchema();
            List<Type> read = new ArrayList<>();
            for (String column : UsageFlow.COLUMNS) {
                if (schema.containsField(column)) {
                    read.add(schema.getType(column));
                }
            }
            projection = new MessageType(schema.getName(), read);
            file.setRequestedSchema(projection);
            columns = new ColumnIOFactory().getColumnIO(projection, schema);
            names = read.stream().map(Type::getName).toArray(String[]::new);
            for (long i = 0; i < skip && next() != null; i++) {
                emitted++;
            }
        }

        @Override
        public RecordIterator<UsageFlow> readBatch() throws IOException {
            List<UsageFlow> batch = new ArrayList<>(BATCH);
            UsageFlow flow;
            while (batch.size() < BATCH && (flow = next()) != null) {
                batch.add(flow);
            }
            if (batch.isEmpty()) {
                return null;
            }
            long before = emitted;
            emitted += batch.size();
            return new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, before);
        }

        private UsageFlow next() throws IOException {
            while (rowsLeft == 0) {
                PageReadStore rowGroup = file.readNextRowGroup();
                if (rowGroup == null) {
                    return null;
                }
                rows = columns.getRecordReader(rowGroup, new GroupRecordConverter(projection));
                rowsLeft = rowGroup.getRowCount();
            }
            rowsLeft--;
            Group row = rows.read();
            UsageFlow flow = new UsageFlow();
            for (int i = 0; i < names.length; i++) {
                if (row.getFieldRepetitionCount(i) > 0) {
                    flow.set(names[i], value(row, i));
                }
            }
            return flow;
        }

        private Object value(Group row, int field) throws IOException {
            PrimitiveType.PrimitiveTypeName type = projection.getType(field).asPrimitiveType().getPrimitiveTypeName();
            return switch (type) {
                case INT32 -> row.getInteger(field, 0);
                case INT64 -> row.getLong(field, 0);
                case BOOLEAN -> row.getBoolean(field, 0);
                case BINARY -> row.getString(field, 0);
                default -> throw new IOException("column " + names[field] + " is " + type
                        + ", not a type of the enriched-flow dataset (schemas/enriched-flow.md)");
            };
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** A file of any Flink file system, as Parquet reads it: seekable streams opened on demand. */
    private record FlinkInputFile(Path path, long length) implements InputFile {
        @Override
        public long getLength() {
            return length;
        }

        @Override
        public SeekableInputStream newStream() throws IOException {
            FSDataInputStream in = path.getFileSystem().open(path);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() throws IOException {
                    return in.getPos();
                }

                @Override
                public void seek(long position) throws IOException {
                    in.seek(position);
                }
            };
        }
    }
}
