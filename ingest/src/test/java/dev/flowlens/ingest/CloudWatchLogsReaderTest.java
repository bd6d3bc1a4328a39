package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CloudWatchLogsReaderTest {
    private static final Origin ORIGIN = Origin.kafka("vpc-flow-logs", 3, 1200);
    private static final String DATA = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\","
            + "\"logGroup\":\"/vpc/flow-logs\",\"logStream\":\"eni-0a1b2c3d4e5f60718-all\","
            + "\"subscriptionFilters\":[\"to-kafka\"],\"policyLevel\":\"ACCOUNT_LEVEL_POLICY\",\"logEvents\":["
            + "{\"id\":\"3795\",\"timestamp\":1700000061000,\"message\":\"2 123456789012 eni-0a1b2c3d4e5f60718"
            + " 10.0.1.23 10.0.2.45 41234 8080 6 12 3400 1700000000 1700000060 ACCEPT OK\"},"
            + "{\"id\":\"3796\",\"timestamp\":1700000061000,\"message\":\"not a flow log\"},"
            + "{\"id\":\"3797\",\"timestamp\":1700000061000,\"message\":\"2 123456789012 eni-0a1b2c3d4e5f60718"
            + " 10.0.2.45 10.0.1.23 8080 41234 6 10 9000 1700000000 1700000060 ACCEPT OK\",\"extra\":{\"a\":[1]}}]}";

    private final CloudWatchLogsReader reader =
            new CloudWatchLogsReader(FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT);

    @Test
    void gzippedDataMessageYieldsRecordsAndDeadLettersWithEventIds() {
        byte[] payload = Collected.gzip(DATA);
        assertThat(CloudWatchLogsReader.looksLikePayload(payload)).isTrue();
        Collected out = new Collected();

        ReadStats stats = reader.read(payload, ORIGIN, out);

        assertThat(stats.lines()).isEqualTo(3);
        assertThat(stats.records()).isEqualTo(2);
        assertThat(stats.isBalanced()).isTrue();
        assertThat(out.records.get(1).bytes).isEqualTo(9000L);
        assertThat(out.deadLetters).hasSize(1);
        assertThat(out.deadLetters.get(0).origin.detail).isEqualTo("3796");
        assertThat(out.deadLetters.get(0).origin.offset).isEqualTo(1200L);
        assertThat(out.deadLetters.get(0).origin.partition).isEqualTo(3);
        assertThat(out.deadLetters.get(0).raw).isEqualTo("not a flow log");
    }

    @Test
    void plainJsonIsAcceptedToo() {
        Collected out = new Collected();
        ReadStats stats = reader.read(DATA.getBytes(StandardCharsets.UTF_8), ORIGIN, out);
        assertThat(stats.records()).isEqualTo(2);
    }

    @Test
    void controlMessagesAreSkippedAndCounted() {
        String control = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
        Collected out = new Collected();

        ReadStats stats = reader.read(Collected.gzip(control), ORIGIN, out);

        assertThat(stats.controlMessages()).isEqualTo(1);
        assertThat(out.records).isEmpty();
        assertThat(out.deadLetters).isEmpty();
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void hostileEnvelopesBecomeOneDeadLetterEach() {
        String[] hostile = {
            "{", "[]", "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":{}}",
            "{\"messageType\":\"SOMETHING\",\"logEvents\":[]}", "{\"logEvents\":[]}",
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\"}]}",
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":5}]}",
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]} trailing",
            "[".repeat(10_000),
        };
        for (String payload : hostile) {
            Collected out = new Collected();
            ReadStats stats = reader.read(Collected.gzip(payload), ORIGIN, out);
            assertThat(out.records).as(payload).isEmpty();
            assertThat(out.deadLetters).as(payload).hasSize(1);
            assertThat(out.deadLetters.get(0).reason).as(payload).isEqualTo(DeadLetterReason.BAD_ENVELOPE);
            assertThat(stats.isBalanced()).isTrue();
        }
    }

    @Test
    void repetitivePayloadPastAnyCompressionRatioIsReadWhole() {
        String event = "{\"id\":\"1\",\"timestamp\":1700000061000,\"message\":\"2 123456789012 eni-0a1b2c3d4e5f60718"
                + " - - - - - - - 1700000000 1700000060 - NODATA\"}";
        int events = 70_000; // about 10 MiB of JSON: within the bound on what a payload may hold
        String json = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[" + (event + ",").repeat(events - 1) + event
                + "]}";
        byte[] payload = Collected.gzip(json);
        // the former bound, 200:1 once 8 MiB are out, stopped such a payload: its compressed bytes are all read
        // by then
        assertThat(json.length()).isGreaterThan(8 << 20);
        assertThat(200L * payload.length).as("200 x compressed size").isLessThan(8 << 20);
        Collected out = new Collected();

        ReadStats stats = reader.read(payload, ORIGIN, out);

        assertThat(out.deadLetters).isEmpty();
        assertThat(stats.records()).isEqualTo(events);
    }

    @Test
    void payloadInflatingPastWhatMayBeHeldIsOneDeadLetter() {
        byte[] zeros = new byte[17 << 20];
        Arrays.fill(zeros, (byte) ' ');
        Collected out = new Collected();

        ReadStats stats = reader.read(Collected.gzip(zeros), ORIGIN, out);

        assertThat(out.records).isEmpty();
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.DECOMPRESSION_LIMIT);
            assertThat(d.message).contains("none of its log events was read");
        });
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void truncatedGzipPayloadIsADeadLetter() {
        byte[] payload = Collected.gzip(DATA);
        Collected out = new Collected();

        reader.read(Arrays.copyOf(payload, payload.length - 10), ORIGIN, out);

        assertThat(out.records).isEmpty();
        assertThat(out.deadLetters).extracting(d -> d.reason).containsExactly(DeadLetterReason.TRUNCATED_GZIP);
    }
}
