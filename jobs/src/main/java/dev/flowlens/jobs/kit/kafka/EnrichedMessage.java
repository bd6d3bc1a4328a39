package dev.flowlens.jobs.kit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A message of an enriched-flows topic as read: where it came from and either the flow its value holds or the dead
 * letter saying why it holds none. A POJO for Flink. The value's text is kept only in the dead letter (its start, as
 * {@link DeadLetter} bounds it), so good flows do not cross the edge twice and a giant bad value stays small.
 */
public class EnrichedMessage {
    private static final String FIX = "the topic must hold enriched flows as the enrichment job writes them"
            + " (schemas/enriched-flow.md)";

    public String topic;
    public int partition;
    public long offset;
    /** The flow the value holds; {@code null} when it holds none (then {@link #deadLetter} is set). */
    public EnrichedFlow flow;
    /** Why the value is not an enriched flow, with its text and origin; {@code null} when {@link #flow} is set. */
    public DeadLetter deadLetter;

    public EnrichedMessage() {}

    /** The message at {@code topic}/{@code partition}/{@code offset} with {@code value} ({@code null}: a tombstone). */
    public static EnrichedMessage read(String topic, int partition, long offset, byte[] value) {
        EnrichedMessage message = new EnrichedMessage();
        message.topic = topic;
        message.partition = partition;
        message.offset = offset;
        Origin origin = Origin.kafka(topic, partition, offset);
        if (value == null) {
            message.deadLetter = DeadLetter.of("", origin, DeadLetterReason.BAD_ENRICHED_FLOW,
                    "the message has no value (a tombstone); " + FIX);
            return message;
        }
        if (value.length >= EnrichedFlowAvroEncoder.MARKER.length && value[0] == EnrichedFlowAvroEncoder.MARKER[0]
                && value[1] == EnrichedFlowAvroEncoder.MARKER[1]) {
            message.deadLetter = DeadLetter.of(new String(value, StandardCharsets.ISO_8859_1), origin,
                    DeadLetterReason.BAD_ENRICHED_FLOW, "an Avro message (sinks.kafka.format: avro); detection reads"
                            + " the JSON form: write a topic with sinks.kafka.format: json for it");
            return message;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            message.deadLetter = DeadLetter.of(new String(value, StandardCharsets.UTF_8), origin,
                    DeadLetterReason.BAD_ENCODING, "the value is not UTF-8 text; " + FIX);
            return message;
        }
        try {
            message.flow = EnrichedFlowJson.parse(text);
        } catch (IOException e) {
            message.deadLetter = DeadLetter.of(text, origin, DeadLetterReason.BAD_ENRICHED_FLOW,
                    "not an enriched flow: " + describe(e) + "; " + FIX);
        }
        return message;
    }

    /** Where the message came from, as dead letters name it. */
    public Origin origin() {
        return Origin.kafka(topic, partition, offset);
    }

    /** Jackson's message without its long "[Source: REDACTED ...]" suffix, with the position kept short. */
    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return json.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")");
        }
        return e.getMessage();
    }
}
