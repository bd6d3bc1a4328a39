package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.dataset.ColumnType;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file of a dataset's rows ({@code Object[]} in column order) written straight into parquet-java's column
 * writers. {@code ParquetWriter} does the same through a record consumer ({@code MessageColumnIO}) that looks up
 * each field, marks it in a bit set and, at the end of every row, walks all columns to write nulls for those not
 * visited, caching the nulls of list groups in hash maps. A dataset's schema is flat apart from lists of strings,
 * so each value's repetition and definition levels follow from its column and its nullness alone. Everything else
 * is {@code ParquetWriter}'s own: the file writer, page store, column store, properties, codec and row-group rule
 * (copied from its {@code InternalParquetRecordWriter}), so the file is the same, byte for byte
 * ({@code ParquetRowFileTest}). Not thread-safe; one per part file.
 */
final class ParquetRowFile implements DatasetFileWriter.Rows {
    /** Strings whose UTF-8 bytes are kept, at most, before the cache is cleared. */

    private final MessageType schema;
    private final ParquetProperties properties;
    private final ParquetFileWriter file;
    private final CodecFactory codecs;
    private final BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final ColumnDescriptor[] descriptors;
    private final ColumnType[] types;
    private final String[] names;
    // the definition level of a present value (the element's, for a list); 0 for a required flat column
    private final int[] present;
    // whether the column (the list group, for a list) may be null
    private final boolean[] optional;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private final ColumnWriter[] writers;
    private int rowGroupOrdinal;
    private long rowsInGroup;
    private long rowsForNextSizeCheck;
    private long nextRowGroupBytes;
    private boolean aborted;
    private boolean closed;

    private final EncodedStrings encoded = new EncodedStrings();

    ParquetRowFile(OutputFile out, MessageType schema, List<ColumnType> types, ParquetProperties properties,
            CompressionCodecName codec, ParquetConfiguration configuration, long rowGroupBytes) throws IOException {
        this.schema = schema;
        this.properties = properties;
        this.rowGroupBytes = rowGroupBytes;
        List<ColumnDescriptor> leaves = schema.getColumns();
        if (leaves.size() != types.size() || schema.getFieldCount() != types.size()) {
            throw new IllegalArgumentException("a dataset column is one leaf: " + schema.getFieldCount()
                    + " columns, " + leaves.size() + " leaves, " + types.size() + " types");
        }
        this.descriptors = leaves.toArray(new ColumnDescriptor[0]);
        this.types = types.toArray(new ColumnType[0]);
        this.names = new String[descriptors.length];
        this.present = new int[descriptors.length];
        this.optional = new boolean[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
            names[i] = schema.getFieldName(i);
            present[i] = descriptors[i].getMaxDefinitionLevel();
            optional[i] = schema.getType(i).isRepetition(Type.Repetition.OPTIONAL);
        }
        this.writers = new ColumnWriter[descriptors.length];
        // as ParquetWriter's constructor: mode null creates the file, no encryption
        this.file = new ParquetFileWriter(out, schema, null, rowGroupBytes, ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
                null, properties);
        file.start();
        this.codecs = new CodecFactory(configuration, properties.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(codec);
        this.nextRowGroupBytes = rowGroupBytes;
        this.rowsForNextSizeCheck = properties.getMinRowCountForPageSizeCheck();
        startRowGroup();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled(),
                file.getEncryptor(), rowGroupOrdinal);
        columns = properties.newColumnWriteStore(schema, pages, pages);
        for (int i = 0; i < descriptors.length; i++) {
            writers[i] = columns.getColumnWriter(descriptors[i]);
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        try {
            for (int i = 0; i < writers.length; i++) {
                put(i, row[i]);
            }
            columns.endRecord();
            rowsInGroup++;
            checkRowGroupSize();
        } catch (RuntimeException | IOException e) {
            aborted = true;
            throw e;
        }
    }

    private void put(int column, Object value) {
        ColumnWriter writer = writers[column];
        int defined = present[column];
        switch (types[column]) {
            case STRING -> {
                if (value == null) {
                    writeNull(column, writer);
                } else {
                    writer.write(encoded.of((String) value), 0, defined);
                }
            }
            case INT64 -> {
                if (value == null) {
                    writeNull(column, writer);
                } else {
                    writer.write((long) (Long) value, 0, defined);
                }
            }
            case INT32 -> {
                if (value == null) {
                    writeNull(column, writer);
                } else {
                    writer.write((int) (Integer) value, 0, defined);
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    writeNull(column, writer);
                } else {
                    writer.write((boolean) (Boolean) value, 0, defined);
                }
            }
            case STRING_LIST -> strings(column, writer, (List<?>) value);
            default -> throw new AssertionError(types[column]);
        }
    }

    /** A null at the top level: definition level 0, which a required column cannot hold. */
    private void writeNull(int column, ColumnWriter writer) {
        if (!optional[column]) {
            throw new IllegalArgumentException("a null in the required column " + names[column]);
        }
        writer.writeNull(0, 0);
    }

    /**
     * A list in the three-level form {@code <list> (LIST) { repeated group list { optional element } }}: the element's
     * definition level {@code d} is the list group's + 2. A null list is level 0 (the list group's parent), an empty
     * one the list group's level ({@code d - 2}), a null element {@code d - 1}; the first element starts the row
     * (repetition 0), the others repeat the list (1).
     */
    private void strings(int column, ColumnWriter writer, List<?> list) {
        int element = present[column];
        if (list == null) {
            writeNull(column, writer);
        } else if (list.isEmpty()) {
            writer.writeNull(0, element - 2);
        } else {
            int repetition = 0;
            for (Object value : list) {
                if (value == null) {
                    writer.writeNull(repetition, element - 1);
                } else {
                    writer.write(encoded.of((String) value), repetition, element);
                }
                repetition = 1;
            }
        }
    }


    /** {@code InternalParquetRecordWriter.checkBlockSizeReached}: the buffered size checked only now and then. */
    private void checkRowGroupSize() throws IOException {
        if (rowsInGroup < rowsForNextSizeCheck) {
            return;
        }
        long buffered = columns.getBufferedSize();
        long rowBytes = buffered / rowsInGroup;
        // flushed when within ~2 rows of the limit: slightly under is better than over
        if (buffered > nextRowGroupBytes - 2 * rowBytes) {
            flushRowGroup();
            startRowGroup();
            rowsForNextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(), rowsInGroup / 2),
                    properties.getMaxRowCountForPageSizeCheck());
        } else {
            rowsForNextSizeCheck = Math.min(
                    Math.max(properties.getMinRowCountForPageSizeCheck(),
                            (rowsInGroup + (long) (nextRowGroupBytes / ((float) rowBytes))) / 2),
                    rowsInGroup + properties.getMaxRowCountForPageSizeCheck());
        }
    }

    /** {@code InternalParquetRecordWriter.flushRowGroupToStore}: an empty group writes nothing. */
    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                rowGroupOrdinal++;
                file.startBlock(rowsInGroup);
                columns.flush();
                pages.flushToFileWriter(file);
                rowsInGroup = 0;
                file.endBlock();
                nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
            }
        } finally {
            columns.close();
            pages.close();
            columns = null;
            pages = null;
        }
    }

    /** Writes the last row group and the footer, unless a write failed; the output stream is the file's to close. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!aborted) {
                flushRowGroup();
                // ParquetWriter's footer metadata: the write context's (empty), no object model name
                file.end(new HashMap<>());
            }
        } finally {
            try {
                if (columns != null) {
                    columns.close();
                    pages.close();
                }
                file.close();
            } finally {
                codecs.release();
            }
        }
    }
}
