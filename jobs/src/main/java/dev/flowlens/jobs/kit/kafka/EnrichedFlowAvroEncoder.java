package dev.flowlens.jobs.kit.kafka;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.dataset.ColumnType;
import dev.flowlens.schemas.dataset.EnrichedFlowAvro;
import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Enriched flows as Avro messages in the <a href="https://avro.apache.org/docs/current/specification/#single-object-encoding">
 * single-object encoding</a>: the marker {@code C3 01}, the schema's 64-bit fingerprint (little-endian), then the
 * record in Avro's binary encoding, schema {@link EnrichedFlowAvro} ({@code schemas/enriched-flow.avsc}). Any Avro
 * library reads it with that schema (Java: {@code BinaryMessageDecoder}), and the fingerprint tells a consumer which
 * schema a message was written with, without a registry.
 *
 * <p>The values are written straight from the dataset columns' accessors, without building an Avro record per flow.
 * One encoder per sink writer: it reuses its buffer and is not thread-safe.
 */
public final class EnrichedFlowAvroEncoder {
    /** The single-object encoding's marker, version 1. */
    static final byte[] MARKER = {(byte) 0xC3, 0x01};
    /** The parsed schema; parsing it also proves the generated text is valid Avro. */
    public static final Schema SCHEMA = new Schema.Parser().parse(EnrichedFlowAvro.schema());
    private static final byte[] HEADER = header(SchemaNormalization.parsingFingerprint64(SCHEMA));

    private final List<EnrichedFlowColumn> columns = EnrichedFlowColumns.ALL;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;

    /** One flow as a message value. */
    public byte[] encode(EnrichedFlow flow) {
        bytes.reset();
        bytes.writeBytes(HEADER);
        encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
        try {
            for (EnrichedFlowColumn column : columns) {
                write(column.type(), column.value().apply(flow));
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** A union {@code ["null", type]}: branch 0 for null, else branch 1 and the value. */
    private void write(ColumnType type, Object value) throws IOException {
        if (value == null) {
            encoder.writeIndex(0);
            return;
        }
        encoder.writeIndex(1);
        switch (type) {
            case BOOLEAN -> encoder.writeBoolean((Boolean) value);
            case INT32 -> encoder.writeInt((Integer) value);
            case INT64 -> encoder.writeLong((Long) value);
            case STRING -> encoder.writeString((String) value);
            case STRING_LIST -> {
                List<?> items = (List<?>) value;
                encoder.writeArrayStart();
                encoder.setItemCount(items.size());
                for (Object item : items) {
                    encoder.startItem();
                    encoder.writeString((String) item);
                }
                encoder.writeArrayEnd();
            }
            default -> throw new IllegalStateException("no Avro encoding for " + type);
        }
    }

    private static byte[] header(long fingerprint) {
        return ByteBuffer.allocate(MARKER.length + Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).put(MARKER)
                .putLong(fingerprint).array();
    }
}
