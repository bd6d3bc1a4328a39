package dev.flowlens.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads CloudWatch Logs subscription payloads: gzip-compressed (or plain) JSON with {@code messageType},
 * {@code logEvents[].id} and {@code logEvents[].message}. {@code CONTROL_MESSAGE} payloads are skipped and counted;
 * unknown keys (such as {@code policyLevel}) are ignored. The payload carries no header, so the flow-log format
 * comes from configuration. A payload that is not the documented JSON becomes one dead letter and no records.
 */
public final class CloudWatchLogsReader {
    static final String DATA_MESSAGE = "DATA_MESSAGE";
    static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";
    /** Subscription payloads are at most about 1 MB; anything far larger is hostile. */
    private static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private final FlowLogFormat format;
    private final ReaderLimits limits;
    private final JsonFactory json;

    public CloudWatchLogsReader(FlowLogFormat format, ReaderLimits limits) {
        this.format = format;
        this.limits = limits;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(limits.maxLineBytes(), 1 << 16))
                        .maxNestingDepth(32)
                        .build())
                .build();
    }

    /** Whether a Kafka message or file looks like a subscription payload (gzip, or JSON with a messageType). */
    public static boolean looksLikePayload(byte[] payload) {
        if (payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b) {
            return true;
        }
        int i = ByteOrderMark.length(payload, 0, payload.length);
        while (i < payload.length && Character.isWhitespace(payload[i])) {
            i++;
        }
        return i < payload.length && payload[i] == '{'
                && new String(payload, i, Math.min(payload.length - i, 4096), StandardCharsets.UTF_8)
                        .contains("\"messageType\"");
    }

    /** Whether {@code bytes}, after a byte-order mark and white space, open a JSON object. */
    static boolean looksLikeJsonObject(byte[] bytes) {
        int i = ByteOrderMark.length(bytes, 0, bytes.length);
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '{';
    }

    public ReadStats read(byte[] payload, Origin origin, RecordConsumer out) {
        ReadStats stats = new ReadStats();
        byte[] jsonBytes;
        try {
            jsonBytes = decompress(payload);
        } catch (DecompressionLimitException e) {
            return failPayload(stats, payload, origin, out, DeadLetterReason.DECOMPRESSION_LIMIT, "payload passes "
                    + Math.min(limits.maxDecompressedBytes(), MAX_PAYLOAD_BYTES) + " bytes (" + payload.length
                    + " bytes as received); none of its log events was read");
        } catch (EOFException | ZipException e) {
            return failPayload(stats, payload, origin, out, DeadLetterReason.TRUNCATED_GZIP,
                    "gzip payload truncated or corrupt: " + e.getMessage());
        } catch (IOException e) {
            return failPayload(stats, payload, origin, out, DeadLetterReason.READ_ERROR, e.toString());
        }
        Envelope envelope;
        try {
            envelope = parseEnvelope(jsonBytes);
        } catch (IOException | IllegalStateException e) {
            return failPayload(stats, jsonBytes, origin, out, DeadLetterReason.BAD_ENVELOPE,
                    "not a CloudWatch Logs subscription payload: " + oneLine(e.getMessage()));
        }
        if (CONTROL_MESSAGE.equals(envelope.messageType)) {
            stats.controlMessages++;
            return stats;
        }
        FlowLogParser parser = new FlowLogParser(format);
        out.formatChanged(format);
        for (int i = 0; i < envelope.events.size(); i++) {
            String[] event = envelope.events.get(i);
            stats.lines++;
            Origin at = origin.atLine(i + 1L).withDetail(event[0]);
            String message = event[1];
            if (message.length() > limits.maxLineBytes()) {
                out.deadLetter(DeadLetter.of(message, at, DeadLetterReason.LINE_TOO_LONG, "log event of "
                        + message.length() + " characters is longer than the bound of " + limits.maxLineBytes()));
                stats.deadLetters++;
                continue;
            }
            try {
                out.record(parser.parse(message));
                stats.records++;
            } catch (MalformedRecordException e) {
                out.deadLetter(DeadLetter.of(message, at, e.reason(), e.getMessage()));
                stats.deadLetters++;
            }
        }
        stats.normalizedTimestamps += parser.normalizedTimestamps();
        return stats;
    }

    private byte[] decompress(byte[] payload) throws IOException {
        InputStream in = new ByteArrayInputStream(payload);
        if (TextFlowLogReader.isGzip(in)) {
            // the JSON is held whole, so here the size bound is a memory bound
            in = BoundedGzipInputStream.open(in, Math.min(limits.maxDecompressedBytes(), MAX_PAYLOAD_BYTES));
        } else if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new DecompressionLimitException(MAX_PAYLOAD_BYTES, 0, payload.length);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                (int) Math.min(MAX_PAYLOAD_BYTES, Math.max(1024, payload.length * 4L)));
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    private Envelope parseEnvelope(byte[] jsonBytes) throws IOException {
        Envelope envelope = new Envelope();
        try (JsonParser parser = json.createParser(jsonBytes)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "payload is not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("messageType".equals(key)) {
                    expect(value, JsonToken.VALUE_STRING, "messageType is not a string");
                    envelope.messageType = parser.getText();
                } else if ("logEvents".equals(key)) {
                    expect(value, JsonToken.START_ARRAY, "logEvents is not an array");
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        envelope.events.add(readEvent(parser));
                    }
                    expect(parser.currentToken(), JsonToken.END_ARRAY, "logEvents holds a non-object");
                } else {
                    parser.skipChildren(); // owner, logGroup, logStream, subscriptionFilters, policyLevel, ...
                }
            }
            expect(parser.currentToken(), JsonToken.END_OBJECT, "payload object is not closed");
            if (parser.nextToken() != null) {
                throw new IllegalStateException("trailing data after the payload object");
            }
        }
        if (envelope.messageType == null) {
            throw new IllegalStateException("no messageType");
        }
        if (!DATA_MESSAGE.equals(envelope.messageType) && !CONTROL_MESSAGE.equals(envelope.messageType)) {
            throw new IllegalStateException("unknown messageType '" + envelope.messageType + "'");
        }
        return envelope;
    }

    private static String[] readEvent(JsonParser parser) throws IOException {
        String id = null;
        String message = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("id".equals(key) && value == JsonToken.VALUE_STRING) {
                id = parser.getText();
            } else if ("message".equals(key)) {
                expect(value, JsonToken.VALUE_STRING, "logEvents[].message is not a string");
                message = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (message == null) {
            throw new IllegalStateException("a log event has no message");
        }
        return new String[] {id, message};
    }

    private static void expect(JsonToken actual, JsonToken expected, String message) {
        if (actual != expected) {
            throw new IllegalStateException(message);
        }
    }

    private static ReadStats failPayload(ReadStats stats, byte[] raw, Origin origin, RecordConsumer out,
            DeadLetterReason reason, String message) {
        String text = new String(raw, 0, Math.min(raw.length, DeadLetter.MAX_RAW_CHARS), StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetter.of(text, origin, reason, message);
        letter.rawLength = raw.length;
        out.deadLetter(letter);
        stats.deadLetters++;
        stats.objectFailures++;
        return stats;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class Envelope {
        String messageType;
        final List<String[]> events = new ArrayList<>();
    }
}
