package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.dataset.ColumnType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
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
 * Rows of one dataset contract of {@code schemas.dataset} (the enriched flows, the alerts) as Snappy-compressed
 * Parquet: the schema built from the contract's columns, and a writer that puts each record's values in order. Not
 * serializable (the columns' accessors are plain functions): a dataset's writer holds one in a static field, and
 * the {@code ParquetBuilder} Flink ships refers to that field.
 *
 * @param <T> the record type
 */
final class DatasetParquet<T> {
    private static final int ENCODED_STRINGS = 65_536;

    /** One column as the writer needs it. */
    record Column<T>(String name, ColumnType type, boolean nullable, Function<T, Object> value) {}

    private final MessageType schema;
    // The contract as arrays, so writing a row is an indexed loop: no lookup by name, no list iterator.
    private final String[] names;
    private final ColumnType[] types;
    private final Function<T, Object>[] values;

    @SuppressWarnings("unchecked")
    DatasetParquet(String dataset, List<Column<T>> columns) {
        names = new String[columns.size()];
        types = new ColumnType[names.length];
        values = new Function[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name();
            types[i] = columns.get(i).type();
            values[i] = columns.get(i).value();
        }
        schema = schema(dataset, columns);
    }

    MessageType schema() {
        return schema;
    }

    /** A Snappy-compressed writer of rows to {@code file}. */
    ParquetWriter<T> writer(OutputFile file) throws IOException {
        return new Builder(file).withCompressionCodec(CompressionCodecName.SNAPPY).build();
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

    private final class Builder extends ParquetWriter.Builder<T, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return new RowWriteSupport();
        }
    }

    private final class RowWriteSupport extends WriteSupport<T> {
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
        public void write(T record) {
            consumer.startMessage();
            for (int index = 0; index < names.length; index++) {
                put(index, values[index].apply(record));
            }
            consumer.endMessage();
        }

        /**
         * UTF-8 bytes of recent strings: the same addresses, task ARNs and service names recur row after row (the
         * parser and the index share their instances), so each is encoded once. Bounded, cleared when full.
         */
        private final Map<String, Binary> encoded = new HashMap<>();

        private Binary binary(String text) {
            Binary binary = encoded.get(text);
            if (binary == null) {
                if (encoded.size() >= ENCODED_STRINGS) {
                    encoded.clear();
                }
                binary = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
                encoded.put(text, binary);
            }
            return binary;
        }

        /** A list's group: no repeated {@code list} field when empty, which reads back as an empty list. */
        private void strings(List<?> list) {
            consumer.startGroup();
            if (!list.isEmpty()) {
                consumer.startField("list", 0);
                for (Object value : list) {
                    consumer.startGroup();
                    if (value != null) {
                        consumer.startField("element", 0);
                        consumer.addBinary(binary((String) value));
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
                case STRING -> consumer.addBinary(binary((String) value));
                case STRING_LIST -> strings((List<?>) value);
                default -> throw new AssertionError(types[index]);
            }
            consumer.endField(name, index);
        }
    }
}
