package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.dataset.ColumnType;
import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.formats.parquet.ParquetBuilder;
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
 * Enriched flows as Parquet rows, in the columns and types of the dataset contract {@link EnrichedFlowColumns}
 * (documented in {@code schemas/enriched-flow.md}). Snappy-compressed.
 */
public final class EnrichedFlowParquet {
    private static final int ENCODED_STRINGS = 65_536;
    public static final MessageType SCHEMA = schema();

    // The contract as arrays, so writing a row is an indexed loop: no lookup by name, no list iterator.
    private static final String[] NAMES = new String[EnrichedFlowColumns.ALL.size()];
    private static final ColumnType[] TYPES = new ColumnType[NAMES.length];
    @SuppressWarnings("unchecked")
    private static final Function<EnrichedFlow, Object>[] VALUES = new Function[NAMES.length];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            EnrichedFlowColumn column = EnrichedFlowColumns.ALL.get(i);
            NAMES[i] = column.name();
            TYPES[i] = column.type();
            VALUES[i] = column.value();
        }
    }

    private EnrichedFlowParquet() {}

    /** The writer factory argument for Flink's {@code ParquetWriterFactory}. */
    public static ParquetBuilder<EnrichedFlow> builder() {
        return out -> new Builder(out).withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    private static MessageType schema() {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
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
        return schema.named(EnrichedFlowColumns.DATASET);
    }

    private static final class Builder extends ParquetWriter.Builder<EnrichedFlow, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<EnrichedFlow> getWriteSupport(Configuration conf) {
            return new FlowWriteSupport();
        }
    }

    private static final class FlowWriteSupport extends WriteSupport<EnrichedFlow> {
        private RecordConsumer consumer;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(EnrichedFlow flow) {
            consumer.startMessage();
            for (int index = 0; index < NAMES.length; index++) {
                put(index, VALUES[index].apply(flow));
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
        private void strings(java.util.List<?> values) {
            consumer.startGroup();
            if (!values.isEmpty()) {
                consumer.startField("list", 0);
                for (Object value : values) {
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
            String name = NAMES[index];
            consumer.startField(name, index);
            switch (TYPES[index]) {
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case INT32 -> consumer.addInteger((Integer) value);
                case INT64 -> consumer.addLong((Long) value);
                case STRING -> consumer.addBinary(binary((String) value));
                case STRING_LIST -> strings((java.util.List<?>) value);
                default -> throw new AssertionError(TYPES[index]);
            }
            consumer.endField(name, index);
        }
    }
}
