package dev.flowlens.schemas.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The Avro schema of an enriched flow as the Kafka sink writes it with {@code sinks.kafka.format: avro}: one flat
 * record with the dataset's columns ({@link EnrichedFlowColumns}), in order, under the same names, each a union of
 * {@code null} and its type — so a Kafka consumer, the Parquet dataset and the Glue table share one vocabulary. The
 * schema is committed as {@code schemas/enriched-flow.avsc} for consumers; a test keeps the file equal to this.
 */
public final class EnrichedFlowAvro {
    /** The record's name and namespace: its full name is what Avro readers resolve. */
    public static final String NAME = EnrichedFlowColumns.DATASET;
    public static final String NAMESPACE = "dev.flowlens";

    private EnrichedFlowAvro() {}

    /** The Avro type of a column's values: Avro's names for Parquet's primitive types, an array for a list. */
    public static String avroType(ColumnType type) {
        switch (type) {
            case BOOLEAN: return "boolean";
            case INT32: return "int";
            case INT64: return "long";
            case STRING: return "string";
            case STRING_LIST: return "array";
            default: throw new IllegalArgumentException("no Avro type for " + type);
        }
    }

    /** The schema as JSON text, two-space indented, one field per line group. */
    public static String schema() {
        StringWriter text = new StringWriter();
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(
                DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try (JsonGenerator json = new JsonFactory().createGenerator(text).setPrettyPrinter(pretty)) {
            json.writeStartObject();
            json.writeStringField("type", "record");
            json.writeStringField("name", NAME);
            json.writeStringField("namespace", NAMESPACE);
            json.writeStringField("doc", "An enriched VPC flow log record: every flow-log field under AWS's Parquet"
                    + " name, then who each end was (schemas/enriched-flow.md).");
            json.writeArrayFieldStart("fields");
            for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeArrayFieldStart("type");
                json.writeString("null"); // every column is optional, and null first makes null the default
                if (column.type() == ColumnType.STRING_LIST) {
                    json.writeStartObject();
                    json.writeStringField("type", "array");
                    json.writeStringField("items", "string");
                    json.writeEndObject();
                } else {
                    json.writeString(avroType(column.type()));
                }
                json.writeEndArray();
                json.writeNullField("default");
                json.writeStringField("doc", column.meaning());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }
}
