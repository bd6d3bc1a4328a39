package dev.flowlens.jobs.kit.sinks;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.TaskIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Enriched flows as Parquet rows: every flow-log field under AWS's own Parquet column name and type (so queries
 * written for AWS's Parquet flow logs still work), then the enrichment columns documented in
 * {@code schemas/enriched-flow.md}. Snappy-compressed.
 */
public final class EnrichedFlowParquet {
    /** One enrichment column: its name and how to read it from a flow. */
    private record Column(String name, Function<EnrichedFlow, Object> value) {}

    private static final List<Column> ENRICHMENT = enrichmentColumns();
    private static final int ENCODED_STRINGS = 65_536;
    public static final MessageType SCHEMA = schema();

    private EnrichedFlowParquet() {}

    /** The writer factory argument for Flink's {@code ParquetWriterFactory}. */
    public static ParquetBuilder<EnrichedFlow> builder() {
        return out -> new Builder(out).withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    private static List<Column> enrichmentColumns() {
        List<Column> columns = new ArrayList<>();
        for (String side : new String[] {"src", "dst"}) {
            Function<EnrichedFlow, FlowEndpoint> end = side.equals("src") ? f -> f.src : f -> f.dst;
            Function<EnrichedFlow, TaskIdentity> task = f -> end.apply(f).task;
            columns.add(new Column(side + "_task_id", f -> task(task, f, t -> t.taskId)));
            columns.add(new Column(side + "_task_arn", f -> task(task, f, t -> t.taskArn)));
            columns.add(new Column(side + "_service", f -> task(task, f, t -> t.serviceName)));
            columns.add(new Column(side + "_cluster", f -> task(task, f, t -> t.clusterName)));
            columns.add(new Column(side + "_task_definition", f -> task(task, f, t -> t.taskDefinition)));
            columns.add(new Column(side + "_launch_type", f -> task(task, f, t -> t.launchType)));
            columns.add(new Column(side + "_availability_zone", f -> task(task, f, t -> t.availabilityZone)));
            columns.add(new Column(side + "_eni_id", f -> task(task, f, t -> t.eniId)));
            columns.add(new Column(side + "_security_groups",
                    f -> task(task, f, t -> t.securityGroups.isEmpty() ? null : String.join(",", t.securityGroups))));
            columns.add(new Column(side + "_attribution", f -> end.apply(f).attributionLabel()));
            columns.add(new Column(side + "_peer_class",
                    f -> end.apply(f).peerClass == null ? null : end.apply(f).peerClass.wireName()));
            columns.add(new Column(side + "_aws_service", f -> end.apply(f).awsService));
            columns.add(new Column(side + "_threat_lists",
                    f -> end.apply(f).threatLists.isEmpty() ? null : String.join(",", end.apply(f).threatLists)));
        }
        columns.add(new Column("direction", f -> f.direction == null ? null : f.direction.wireName()));
        columns.add(new Column("same_az", f -> f.sameAz));
        columns.add(new Column("v7_mismatch", f -> f.v7Mismatch));
        return columns;
    }

    private static Object task(Function<EnrichedFlow, TaskIdentity> task, EnrichedFlow flow,
            Function<TaskIdentity, String> field) {
        TaskIdentity identity = task.apply(flow);
        return identity == null ? null : field.apply(identity);
    }

    private static MessageType schema() {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (FlowLogField field : FlowLogField.values()) {
            switch (field.type()) {
                case INT: schema.optional(PrimitiveTypeName.INT32).named(field.parquetName()); break;
                case LONG:
                case TIMESTAMP: schema.optional(PrimitiveTypeName.INT64).named(field.parquetName()); break;
                default: schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(field.parquetName());
            }
        }
        for (Column column : ENRICHMENT) {
            if (column.name().equals("same_az") || column.name().equals("v7_mismatch")) {
                schema.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
            } else {
                schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column.name());
            }
        }
        return schema.named("enriched_flow");
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
            int index = 0;
            for (FlowLogField field : FlowLogField.values()) {
                put(index++, field.parquetName(), field.get(flow.record));
            }
            for (Column column : ENRICHMENT) {
                put(index++, column.name(), column.value().apply(flow));
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

        private void put(int index, String name, Object value) {
            if (value == null) {
                return;
            }
            consumer.startField(name, index);
            if (value instanceof Integer) {
                consumer.addInteger((Integer) value);
            } else if (value instanceof Long) {
                consumer.addLong((Long) value);
            } else if (value instanceof Boolean) {
                consumer.addBoolean((Boolean) value);
            } else {
                consumer.addBinary(binary(value.toString()));
            }
            consumer.endField(name, index);
        }
    }

    /** Column names in schema order, for documentation and tests. */
    public static List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Type type : SCHEMA.getFields()) {
            names.add(type.getName());
        }
        return names;
    }
}
