package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A UTF-8 byte-order mark (as editors on Windows write) is an encoding marker, not data: whatever follows it is read
 * as if it were absent. The header swaps {@code srcaddr} and {@code dstaddr} against AWS's default order, so rows
 * read under the default order instead of the header's would come out with both ends swapped.
 */
class ByteOrderMarkTest {
    private static final String BOM = "\uFEFF";
    private static final String SWAPPED_HEADER = "version account-id interface-id dstaddr srcaddr srcport dstport"
            + " protocol packets bytes start end action log-status";
    /** Written under the swapped header: the destination 10.0.2.9 comes first. */
    private static final String SWAPPED_ROW = "2 123456789010 eni-0a1b2c3d 10.0.2.9 10.0.1.5 443 51234 6 10 8400"
            + " 1709251200 1709251260 ACCEPT OK";
    /** The same flow in AWS's default order, for objects without a header. */
    private static final String DEFAULT_ROW = "2 123456789010 eni-0a1b2c3d 10.0.1.5 10.0.2.9 443 51234 6 10 8400"
            + " 1709251200 1709251260 ACCEPT OK";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bomBeforeTheHeaderLineKeepsTheHeadersFieldOrder(boolean gzipped) {
        String text = BOM + SWAPPED_HEADER + "\n" + SWAPPED_ROW + "\n" + SWAPPED_ROW + "\n";

        Collected out = readText(text, gzipped);

        assertThat(out.deadLetters).isEmpty();
        assertThat(out.records).hasSize(2).allSatisfy(ByteOrderMarkTest::assertEndsNotSwapped);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bomBeforeAPlainLineWithoutHeaderIsIgnored(boolean gzipped) {
        Collected out = readText(BOM + DEFAULT_ROW + "\n" + DEFAULT_ROW + "\n", gzipped);

        assertThat(out.deadLetters).isEmpty();
        assertThat(out.records).hasSize(2).allSatisfy(ByteOrderMarkTest::assertEndsNotSwapped);
    }

    @Test
    void bomBeforeAHeaderInTheMiddleOfConcatenatedFilesSwitchesTheFormat() {
        // `cat plain.log saved-by-notepad.log`: the second file's header starts with its BOM
        String text = DEFAULT_ROW + "\n" + BOM + SWAPPED_HEADER + "\n" + SWAPPED_ROW + "\n";

        Collected out = readText(text, false);

        assertThat(out.deadLetters).isEmpty();
        assertThat(out.records).hasSize(2).allSatisfy(ByteOrderMarkTest::assertEndsNotSwapped);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bomBeforeACloudWatchPayloadIsStillDetectedAsOne(boolean gzipped) throws Exception {
        String payload = BOM + "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789010\",\"logGroup\":\"g\","
                + "\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1709251261000,\"message\":\"" + DEFAULT_ROW + "\"}]}";
        byte[] bytes = gzipped ? Collected.gzip(payload) : payload.getBytes(StandardCharsets.UTF_8);
        assertThat(CloudWatchLogsReader.looksLikePayload(bytes)).isTrue();
        Collected out = new Collected();

        ReadStats stats = new FlowLogFiles(FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT)
                .read(new ByteArrayInputStream(bytes), "payload.json", out);

        assertThat(out.deadLetters).isEmpty();
        assertThat(stats.lines()).as("one log event, not one text line").isEqualTo(1);
        assertThat(out.records).singleElement().satisfies(ByteOrderMarkTest::assertEndsNotSwapped);
    }

    private static Collected readText(String text, boolean gzipped) {
        byte[] bytes = gzipped ? Collected.gzip(text) : text.getBytes(StandardCharsets.UTF_8);
        Collected out = new Collected();
        ReadStats stats = new TextFlowLogReader().read(new ByteArrayInputStream(bytes), Origin.of("bom.log"), out);
        assertThat(stats.isBalanced()).as(stats.toString()).isTrue();
        return out;
    }

    private static void assertEndsNotSwapped(FlowRecord record) {
        assertThat(record.srcAddr).isEqualTo("10.0.1.5");
        assertThat(record.dstAddr).isEqualTo("10.0.2.9");
        assertThat(record.version).isEqualTo(2);
    }
}
