package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowLogParserTest {
    private static final String LINE = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20"
            + " 4249 1418530010 1418530070 ACCEPT OK";

    private final FlowLogParser parser = new FlowLogParser(FlowLogFormat.defaultFormat());

    @Test
    void doubleSpacesTabsCrlfAndTrailingBlanksAreSeparators() throws Exception {
        FlowRecord expected = parser.parse(LINE);
        assertThat(parser.parse(LINE.replace(" ", "  "))).isEqualTo(expected);
        assertThat(parser.parse(LINE.replace(' ', '\t'))).isEqualTo(expected);
        assertThat(parser.parse(LINE + "\r")).isEqualTo(expected);
        assertThat(parser.parse("  " + LINE + "   ")).isEqualTo(expected);
    }

    @Test
    void accountIdStaysTextWithLeadingZeros() throws Exception {
        assertThat(parser.parse(LINE.replace("123456789010", "012345678901")).accountId).isEqualTo("012345678901");
        assertThat(parser.parse(LINE.replace("123456789010", "unknown")).accountId).isEqualTo("unknown");
    }

    @Test
    void countersAreSixtyFourBit() throws Exception {
        FlowRecord record = parser.parse(LINE.replace(" 20 4249 ", " 9000000000 9223372036854775807 "));
        assertThat(record.packets).isEqualTo(9_000_000_000L);
        assertThat(record.bytes).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void millisecondTimestampsAreNormalisedAndCounted() throws Exception {
        FlowRecord record = parser.parse(LINE.replace("1418530010 1418530070", "1418530010123 1418530070999"));
        assertThat(record.start).isEqualTo(1418530010L);
        assertThat(record.end).isEqualTo(1418530070L);
        assertThat(parser.normalizedTimestamps()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "20641|2o641|BAD_NUMBER",
        "20641|65536|BAD_NUMBER",
        "20641|-1|BAD_NUMBER",
        "20641|+5|BAD_NUMBER",
        " 6 20 | 256 20 |BAD_NUMBER",
        "4249|92233720368547758070|BAD_NUMBER",
        "4249|9223372036854775808|BAD_NUMBER",
        "172.31.16.139|172.31.16.256|BAD_IP",
        "172.31.16.139|172.31.16|BAD_IP",
        "172.31.16.139|172.31..16|BAD_IP",
        "172.31.16.139|1720.31.16.1|BAD_IP",
        "172.31.16.139|2001:db8:::1|BAD_IP",
        "172.31.16.139|2001:db8::1::2|BAD_IP",
        "172.31.16.139|1:2:3:4:5:6:7:8:9|BAD_IP",
        "172.31.16.139|12345::1|BAD_IP",
        "172.31.16.139|fe80::1%eth0|BAD_IP",
        "172.31.16.139|localhost|BAD_IP",
        "ACCEPT|ALLOW|BAD_VALUE",
        " OK| FINE|BAD_VALUE",
        " OK| OK extra|FIELD_COUNT",
        " ACCEPT OK| OK|FIELD_COUNT",
    })
    void malformedFieldsHaveTheirReason(String from, String to, DeadLetterReason reason) {
        String line = LINE.replace(from, to);
        assertThat(line).isNotEqualTo(LINE);
        MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class, () -> parser.parse(line));
        assertThat(e).as(line).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups (the first of equal
        // runs) as ::, IPv4-mapped and NAT64 (64:ff9b::/96) addresses with their IPv4 part dotted
        "::|::",
        "::1|::1",
        "0:0:0:0:0:0:0:0|::",
        "0:0:0:0:0:0:0:1|::1",
        "1:0:0:0:0:0:0:0|1::",
        "2001:db8::|2001:db8::",
        "2001:DB8:0:0:0:0:0:1|2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001|2001:db8::1",
        "2001:db8::0:1|2001:db8::1",
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
        "1:2:3:4:5:6:7:8|1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6::8|1:2:3:4:5:6:0:8",
        "FE80::0001|fe80::1",
        "::ffff:10.0.0.1|10.0.0.1",
        "0:0:0:0:0:FFFF:10.0.0.1|10.0.0.1",
        "::ffff:0a00:0001|10.0.0.1",
        "::FFFF:A00:105|10.0.1.5",
        "0000:0000:0000:0000:0000:ffff:c0a8:0001|192.168.0.1",
        "64:ff9b::192.0.2.33|64:ff9b::192.0.2.33",
        "64:ff9b::c000:221|64:ff9b::192.0.2.33",
        "2001:db8::192.0.2.33|2001:db8::c000:221",
    })
    void ipv6AddressesAreStoredInCanonicalForm(String written, String stored) throws Exception {
        FlowRecord record = parser.parse(LINE.replace("172.31.16.21", written));

        assertThat(record.dstAddr).isEqualTo(stored);
        assertThat(parser.parse(LINE.replace("172.31.16.21", stored)).dstAddr).as("canonical is a fixed point")
                .isEqualTo(stored);
    }

    @Test
    void ipv4MappedIpv6AddressesAreStoredAsTheirIpv4Address() throws Exception {
        FlowLogParser withPacketAddresses = new FlowLogParser(FlowLogFormat.parse("srcaddr dstaddr pkt-srcaddr"
                + " pkt-dstaddr"));
        FlowRecord mapped = withPacketAddresses.parse("::ffff:10.0.1.5 ::FFFF:0A00:0207 0:0:0:0:0:ffff:10.0.1.5"
                + " ::ffff:203.0.113.9");

        assertThat(mapped).isEqualTo(withPacketAddresses.parse("10.0.1.5 10.0.2.7 10.0.1.5 203.0.113.9"));
        assertThat(mapped.srcAddr).isEqualTo("10.0.1.5");
        assertThat(mapped.dstAddr).isEqualTo("10.0.2.7");
        assertThat(withPacketAddresses.parse("::ffff:1:2 64:ff9b::10.0.1.5 ::10.0.1.5 ::1").srcAddr)
                .as("::ffff:1:2 is ::ffff:0.1.0.2").isEqualTo("0.1.0.2");
        assertThat(withPacketAddresses.parse("::ffff:1:2 64:ff9b::10.0.1.5 ::10.0.1.5 ::1").dstAddr)
                .as("NAT64 is not mapped IPv4: it stays IPv6").isEqualTo("64:ff9b::10.0.1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.000.001.005", "10.0.1.05", "00.0.0.0", "10.00.1.5", "::ffff:10.0.1.05"})
    void ipv4WithLeadingZerosIsRejectedNamingTheField(String address) {
        MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse(LINE.replace("172.31.16.139", address)));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_IP);
        assertThat(e.getMessage()).contains("srcaddr", "leading zero", address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.1.0", "100.0.1.5", "255.255.255.255", "10.200.0.9"})
    void zerosThatAreNotLeadingAreFine(String address) throws Exception {
        assertThat(parser.parse(LINE.replace("172.31.16.139", address)).srcAddr).isEqualTo(address);
    }

    @Test
    void emptyAndBlankLinesAreReportedNotSkipped() {
        for (String blank : new String[] {"", "   ", "\r"}) {
            MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                    () -> parser.parse(blank));
            assertThat(e.reason()).isEqualTo(DeadLetterReason.EMPTY_LINE);
        }
    }

    @Test
    void controlCharactersAndInvalidUtf8InTextFieldsAreEncodingErrors() {
        byte[] withNul = LINE.replace("eni-1235b8ca123456789", "eni-12\u0000").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse(withNul, 0, withNul.length)).reason()).isEqualTo(DeadLetterReason.BAD_ENCODING);
        byte[] badUtf8 = LINE.replace("eni-1235b8ca123456789", "eni-\u00ff\u00fe").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse(badUtf8, 0, badUtf8.length)).reason()).isEqualTo(DeadLetterReason.BAD_ENCODING);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // what replaces the first occurrence of a token of LINE (one char per byte), and where the bad byte is
        "2|'\u0000'|byte 1",                          // NUL in a number field
        "20641|206\u000741|byte 68",                // a control character in a port
        "172.31.16.139|172.31.\u00ff6.139|byte 45", // invalid UTF-8 in an address
        "ACCEPT|ACC\u007fPT|byte 109",               // DEL in the action
        "ACCEPT OK|'ACCEPT OK \u0000'|byte 116",       // one field too many, and binary: the encoding is reported
        "4249|\u00c3\u0028|byte 79",                // a UTF-8 lead byte with no continuation
    })
    void binaryAnywhereInTheLineIsAnEncodingError(String from, String to, String where) {
        int at = LINE.indexOf(from);
        byte[] line = (LINE.substring(0, at) + to + LINE.substring(at + from.length()))
                .getBytes(StandardCharsets.ISO_8859_1);

        MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse(line, 0, line.length));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_ENCODING);
        assertThat(e.getMessage()).contains(where);
    }

    @Test
    void wholeBinaryLinesAreEncodingErrors() {
        byte[] nuls = new byte[40];
        byte[] utf16 = LINE.getBytes(StandardCharsets.UTF_16LE);
        byte[] random = new byte[200];
        new java.util.Random(5).nextBytes(random);
        random[0] = 0; // whatever else the seed gives, the line is binary
        for (byte[] line : new byte[][] {nuls, utf16, random}) {
            MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                    () -> parser.parse(line, 0, line.length));
            assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_ENCODING);
        }
        assertThat(catchThrowableOfType(MalformedRecordException.class, () -> parser.parse(utf16, 0, utf16.length))
                .getMessage()).contains("UTF-16");
    }

    @Test
    void utf8TextSurvives() throws Exception {
        assertThat(parser.parse(LINE.replace("eni-1235b8ca123456789", "eni-ü")).interfaceId).isEqualTo("eni-ü");
    }

    @Test
    void formatStringsListsAndHeadersAreTheSameFormat() {
        FlowLogFormat fromTemplate = FlowLogFormat.parse("${srcaddr} ${dstaddr}  ${bytes}");
        assertThat(FlowLogFormat.parse("srcaddr dstaddr bytes")).isEqualTo(fromTemplate);
        assertThat(FlowLogFormat.parse("srcaddr dstaddr bytes\r")).isEqualTo(fromTemplate);
        assertThat(FlowLogFormat.parse(fromTemplate.toAwsFormatString())).isEqualTo(fromTemplate);
        assertThat(FlowLogFormat.isHeaderLine("version account-id interface-id")).isTrue();
        assertThat(FlowLogFormat.isHeaderLine("2 123456789010 eni-1")).isFalse();
        assertThat(FlowLogFormat.isHeaderLine("ingress egress")).isFalse();
        assertThat(catchThrowableOfType(InvalidFormatException.class, () -> FlowLogFormat.parse("${srcaddr} ${nope}")))
                .hasMessageContaining("'nope'");
        assertThat(catchThrowableOfType(InvalidFormatException.class, () -> FlowLogFormat.parse("srcaddr srcaddr")))
                .hasMessageContaining("twice");
        assertThat(catchThrowableOfType(InvalidFormatException.class, () -> FlowLogFormat.parse("${srcaddr} x")))
                .hasMessageContaining("'x'");
    }
}
