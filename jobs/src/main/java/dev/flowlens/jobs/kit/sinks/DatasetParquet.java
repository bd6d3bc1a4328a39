package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.dataset.ColumnType;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Rows of one dataset contract of {@code schemas.dataset} (the enriched flows, the alerts) as ZSTD-compressed
 * Parquet: the schema built from the contract's columns, the file layout ({@link DatasetLayout}: dictionaries, statistics,
 * bloom filters, row order), and writers that put each record's values in order: rows ({@code Object[]} in column
 * order) that {@link DatasetFileWriter} buffered and sorted go straight into the column writers ({@link #rowFile}:
 * the enriched flows); records written as they come go through {@code ParquetWriter} ({@link #writer}: alerts). Not
 * serializable (the columns' accessors are plain functions): a dataset's writer holds one in a static field, and
 * the {@code ParquetBuilder} Flink ships refers to that field.
 *
 * @param <T> the record type
 */
final class DatasetParquet<T> {
    private static final String ZSTD_LEVEL = "parquet.compression.codec.zstd.level";

    /** One column as the writer needs it. */
    record Column<T>(String name, ColumnType type, boolean nullable, Function<T, Object> value) {}

    /** Row groups at most this large: one per hour file for a day of the default fleet; readers split by them. */
    static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private final MessageType schema;
    // The contract as arrays, so writing a row is an indexed loop: no lookup by name, no list iterator.
    private final String[] names;
    private final ColumnType[] types;
    private final Function<T, Object>[] values;
    private final DatasetLayout layout;
    private final long rowGroupBytes;
    private final int[] sortColumns;
    private final Comparator<Object[]> order;

    DatasetParquet(String dataset, List<Column<T>> columns) {
        this(dataset, columns, DatasetLayout.plain(CompressionCodecName.ZSTD));
    }

    DatasetParquet(String dataset, List<Column<T>> columns, DatasetLayout layout) {
        this(dataset, columns, layout, ROW_GROUP_BYTES);
    }

    /** With row groups of at most {@code rowGroupBytes}: tests write several in a small file. */
    @SuppressWarnings("unchecked")
    DatasetParquet(String dataset, List<Column<T>> columns, DatasetLayout layout, long rowGroupBytes) {
        this.layout = layout;
        this.rowGroupBytes = rowGroupBytes;
        names = new String[columns.size()];
        types = new ColumnType[names.length];
        values = new Function[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name();
            types[i] = columns.get(i).type();
            values[i] = columns.get(i).value();
        }
        schema = schema(dataset, columns);
        sortColumns = sortColumns(layout.order());
        order = sortColumns.length == 0 ? null : order(sortColumns);
    }

    MessageType schema() {
        return schema;
    }

    DatasetLayout layout() {
        return layout;
    }

    /**
     * The sort order of rows within a run, or null to keep arrival order: the reference {@link RunOrder} is tested
     * against.
     */
    Comparator<Object[]> order() {
        return order;
    }

    /** The indices of the columns rows are sorted by within a run, most significant first; none for arrival order. */
    int[] sortColumns() {
        return sortColumns.clone();
    }

    /** A record's values in column order: what {@link #rowFile} writes. */
    Object[] row(T record) {
        Object[] row = new Object[values.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = values[i].apply(record);
        }
        return row;
    }

    /** A writer of records to {@code file}, in arrival order (no run is buffered). */
    ParquetWriter<T> writer(OutputFile file) throws IOException {
        return configure(new Builder<T>(file, new RecordWriteSupport())).build();
    }

    /** A writer of rows ({@link #row}) to {@code file}, straight into the column writers: what the job writes. */
    ParquetRowFile rowFile(OutputFile file) throws IOException {
        HadoopParquetConfiguration configuration = new HadoopParquetConfiguration();
        if (layout.zstdLevel() > 0) {
            configuration.set(ZSTD_LEVEL, String.valueOf(layout.zstdLevel()));
        }
        return new ParquetRowFile(file, schema, List.of(types), properties(), layout.codec(), configuration,
                rowGroupBytes);
    }

    /**
     * A writer of rows through {@code ParquetWriter} and its record consumer: the path {@link #rowFile} replaced,
     * kept as the reference it is tested against (the same file, byte for byte).
     */
    ParquetWriter<Object[]> recordConsumerRowWriter(OutputFile file) throws IOException {
        return configure(new Builder<Object[]>(file, new ArrayWriteSupport())).build();
    }

    /**
     * The layout's encodings, dictionaries, statistics and bloom filters, as {@link #configure} sets them; string
     * dictionaries looked up by instance first ({@link InstanceKeyedDictionaries}: the row file's strings all come
     * from its {@link EncodedStrings}).
     */
    private ParquetProperties properties() {
        ParquetProperties.Builder properties = ParquetProperties.builder().withDictionaryEncoding(true)
                .withValuesWriterFactory(new InstanceKeyedDictionaries());
        if (layout.v2()) {
            properties.withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0);
        }
        for (String column : layout.noDictionary()) {
            properties.withDictionaryEncoding(column, false);
        }
        for (String column : layout.noStatistics()) {
            properties.withStatisticsEnabled(column, false);
        }
        for (String column : layout.bloomFilters()) {
            properties.withBloomFilterEnabled(column, true);
        }
        return properties.build();
    }

    private <R> Builder<R> configure(Builder<R> builder) {
        builder.withCompressionCodec(layout.codec()).withRowGroupSize(rowGroupBytes)
                .withDictionaryEncoding(true);
        if (layout.v2()) {
            builder.withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0);
        }
        if (layout.zstdLevel() > 0) {
            builder.config(ZSTD_LEVEL, String.valueOf(layout.zstdLevel()));
        }
        for (String column : layout.noDictionary()) {
            builder.withDictionaryEncoding(column, false);
        }
        for (String column : layout.noStatistics()) {
            builder.withStatisticsEnabled(column, false);
        }
        for (String column : layout.bloomFilters()) {
            builder.withBloomFilterEnabled(column, true);
        }
        return builder;
    }

    private int[] sortColumns(List<String> columns) {
        return columns.stream().mapToInt(column -> {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(column)) {
                    if (types[i] == ColumnType.STRING_LIST) {
                        throw new IllegalArgumentException("cannot sort by the list column " + column);
                    }
                    return i;
                }
            }
            throw new IllegalArgumentException("no column " + column);
        }).toArray();
    }

    /** Nulls first, then each column's natural order, column after column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> order(int[] keys) {
        return (a, b) -> {
            for (int key : keys) {
                Comparable x = (Comparable) a[key];
                Comparable y = (Comparable) b[key];
                if (x != y) {
                    if (x == null) {
                        return -1;
                    }
                    if (y == null) {
                        return 1;
                    }
                    int c = x.compareTo(y);
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return 0;
        };
    }

    private static <T> MessageType schema(String dataset, List<Column<T>> columns) {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column<T> column : columns) {
            Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            // a switch expression, so a new column type does not compile until it is mapped here
            var type = switch (column.type()) {
                case BOOLEAN -> schema.primitive(PrimitiveTypeName.BOOLEAN, repetition);
                case INT32 -> schema.primitive(PrimitiveTypeName.INT32, repetition);
                case INT64 -> schema.primitive(PrimitiveTypeName.INT64, repetition);
                case STRING -> schema.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType());
                case STRING_LIST -> null;
            };
            if (type == null) { // the standard three-level LIST: optional group (LIST) { repeated group list { element } }
                schema.list(repetition).optionalElement(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(column.name());
            } else {
                type.named(column.name());
            }
        }
        return schema.named(dataset);
    }

    private static final class Builder<R> extends ParquetWriter.Builder<R, Builder<R>> {
        private final WriteSupport<R> support;

        Builder(OutputFile file, WriteSupport<R> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<R> self() {
            return this;
        }

        @Override
        protected WriteSupport<R> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    private final class RecordWriteSupport extends ValueWriteSupport<T> {
        @Override
        Object value(T record, int index) {
            return values[index].apply(record);
        }
    }

    private final class ArrayWriteSupport extends ValueWriteSupport<Object[]> {
        @Override
        Object value(Object[] row, int index) {
            return row[index];
        }
    }

    private abstract class ValueWriteSupport<R> extends WriteSupport<R> {
        private RecordConsumer consumer;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(R record) {
            consumer.startMessage();
            for (int index = 0; index < names.length; index++) {
                put(index, value(record, index));
            }
            consumer.endMessage();
        }

        abstract Object value(R record, int index);

        private final EncodedStrings encoded = new EncodedStrings();


        /** A list's group: no repeated {@code list} field when empty, which reads back as an empty list. */
        private void strings(List<?> list) {
            consumer.startGroup();
            if (!list.isEmpty()) {
                consumer.startField("list", 0);
                for (Object value : list) {
                    consumer.startGroup();
                    if (value != null) {
                        consumer.startField("element", 0);
                        consumer.addBinary(encoded.of((String) value));
                        consumer.endField("element", 0);
                    }
                    consumer.endGroup();
                }
                consumer.endField("list", 0);
            }
            consumer.endGroup();
        }

        private void put(int index, Object value) {
            if (value == null) {
                return;
            }
            String name = names[index];
            consumer.startField(name, index);
            switch (types[index]) {
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case INT32 -> consumer.addInteger((Integer) value);
                case INT64 -> consumer.addLong((Long) value);
                case STRING -> consumer.addBinary(encoded.of((String) value));
                case STRING_LIST -> strings((List<?>) value);
                default -> throw new AssertionError(types[index]);
            }
            consumer.endField(name, index);
        }
    }
}
