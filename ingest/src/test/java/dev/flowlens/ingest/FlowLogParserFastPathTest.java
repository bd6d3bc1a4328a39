package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser's fast paths against what they must not change: the string cache's word comparison, text scanned a
 * word at a time past the line's end, addresses shared within a line, reused timestamp boxes, absent fields.
 */
class FlowLogParserFastPathTest {
    private static final FlowLogFormat ENI_LAST = FlowLogFormat.parse("${version} ${interface-id}");

    @Test
    void textTokensSharingCacheSlotsKeepTheirOwnText() throws Exception {
        // 20,000 distinct tokens in a 4096-slot cache: many share a slot, and each is read back twice, so a hit
        // check that compared less than every word would hand one token another's String
        FlowLogParser parser = new FlowLogParser(ENI_LAST);
        Random random = new Random(7);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder token = new StringBuilder("eni-");
            int length = 1 + random.nextInt(i % 2 == 0 ? 40 : 100); // and past the cache's inline words
            for (int j = 0; j < length; j++) {
                token.append((char) ('a' + random.nextInt(3))); // few letters: many tokens differ in one byte only
            }
            tokens.add(token.toString());
        }
        for (int round = 0; round < 2; round++) {
            for (String token : tokens) {
                assertThat(parser.parse("2 " + token).interfaceId).isEqualTo(token);
            }
        }
    }

    @Test
    void cacheHitsNeedTheSameLengthAndEveryWord() {
        AsciiStringCache cache = new AsciiStringCache(4);
        long[] words = new long[16];
        // the same hash for all: each lookup lands in the one slot the previous token filled
        String arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/checkout:1";
        String[] tokens = {"abcdefgh", "abcdefgh1", "abcdefgh12345678", "abcdefgh12345679", "abcdefg", "abcdefgh",
            arn + "2", arn + "3", arn + "23", arn.substring(0, AsciiStringCache.INLINE_BYTES),
            arn.substring(0, AsciiStringCache.INLINE_BYTES + 1)};
        for (int round = 0; round < 2; round++) {
            for (String token : tokens) {
                byte[] bytes = (token + " trailing").getBytes(StandardCharsets.US_ASCII);
                fillWords(words, bytes, token.length());
                assertThat(cache.get(bytes, 0, token.length(), 42, words)).isEqualTo(token);
            }
        }
        byte[] again = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        fillWords(words, again, again.length);
        String first = cache.get(again, 0, again.length, 42, words);
        assertThat(cache.get(again, 0, again.length, 42, words)).as("a hit is the cached String").isSameAs(first);
    }

    @Test
    void twoTokensOfOneSetBothStay() {
        AsciiStringCache cache = new AsciiStringCache(1);
        long[] words = new long[2];
        byte[] a = "eni-0aaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "eni-0bbbbbbbbbbbbbbbb".getBytes(StandardCharsets.US_ASCII);
        long[] wordsA = new long[3];
        long[] wordsB = new long[3];
        fillWords(wordsA, a, a.length);
        fillWords(wordsB, b, b.length);
        String first = cache.get(a, 0, a.length, 7, wordsA);
        String second = cache.get(b, 0, b.length, 7, wordsB);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(a, 0, a.length, 7, wordsA)).isSameAs(first);
            assertThat(cache.get(b, 0, b.length, 7, wordsB)).isSameAs(second);
        }
        fillWords(words, "c".getBytes(StandardCharsets.US_ASCII), 1);
        assertThat(cache.get("c".getBytes(StandardCharsets.US_ASCII), 0, 1, 7, words)).isEqualTo("c");
        assertThat(cache.get(b, 0, b.length, 7, wordsB)).as("the third evicted the older of the two")
                .isSameAs(second);
        assertThat(cache.get(a, 0, a.length, 7, wordsA)).isEqualTo(new String(a, StandardCharsets.US_ASCII))
                .isNotSameAs(first);
    }

    private static void fillWords(long[] words, byte[] bytes, int length) {
        java.util.Arrays.fill(words, 0);
        for (int i = 0; i < length; i++) {
            words[i >>> 3] |= (bytes[i] & 0xffL) << (8 * (i & 7));
        }
    }

    @Test
    void aTokenEndsAtTheLineEvenWhenTheBufferGoesOn() throws Exception {
        FlowLogParser parser = new FlowLogParser(ENI_LAST);
        // the buffer holds more text right after the line: the last token is read a word at a time past the
        // line's end and must be cut there, and its cache entry must not match the longer token (or the reverse)
        String longer = "eni-0123456789abcdef0123456789";
        for (int length = 1; length <= longer.length(); length++) {
            String token = longer.substring(0, length);
            byte[] buf = ("2 " + longer + "\n2 x").getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parse(buf, 0, 2 + length).interfaceId).as("cut at %d", length).isEqualTo(token);
            assertThat(parser.parse("2 " + longer).interfaceId).isEqualTo(longer);
            assertThat(parser.parse(buf, 0, 2 + length).interfaceId).isEqualTo(token);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t", "\r", "  ", " \t "})
    void separatorsInsideAWordEndTheToken(String separator) throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("${interface-id} ${vpc-id} ${subnet-id}"));
        FlowRecord record = parser.parse("eni-1" + separator + "vpc-0123456789" + separator + "s");
        assertThat(record.interfaceId).isEqualTo("eni-1");
        assertThat(record.vpcId).isEqualTo("vpc-0123456789");
        assertThat(record.subnetId).isEqualTo("s");
    }

    @Test
    void nonAsciiAndControlBytesAfterAWordStillCount() {
        FlowLogParser parser = new FlowLogParser(ENI_LAST);
        byte[] control = "2 eni-abc\u0001def".getBytes(StandardCharsets.UTF_8);
        MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse(control, 0, control.length));
        assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_ENCODING);
        byte[] invalid = {'2', ' ', 'e', 'n', 'i', '-', 'a', 'b', (byte) 0xc3, 'x', 'y'};
        e = catchThrowableOfType(MalformedRecordException.class, () -> parser.parse(invalid, 0, invalid.length));
        assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_ENCODING);
    }

    @Test
    void addressesOfALineAreSharedOnlyWhenTheirBytesAreEqual() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("srcaddr dstaddr pkt-srcaddr pkt-dstaddr"));
        FlowRecord same = parser.parse("10.0.1.123 52.94.133.131 10.0.1.123 52.94.133.131");
        assertThat(same.pktSrcAddr).isEqualTo("10.0.1.123").isSameAs(same.srcAddr);
        assertThat(same.pktDstAddr).isEqualTo("52.94.133.131").isSameAs(same.dstAddr);

        // same lengths, differing in one byte at each place the two-word comparison looks
        String[] pairs = {"10.0.1.123 10.0.2.123", "10.0.1.123 10.0.1.124", "10.0.1.123 20.0.1.123",
            "1.2.3.4 1.2.3.5", "255.255.255.255 255.255.255.254", "255.255.255.255 255.255.205.255"};
        for (String pair : pairs) {
            String[] both = pair.split(" ");
            FlowRecord record = parser.parse(both[0] + " " + both[1] + " " + both[1] + " " + both[0]);
            assertThat(record.srcAddr).isEqualTo(both[0]);
            assertThat(record.dstAddr).isEqualTo(both[1]);
            assertThat(record.pktSrcAddr).isEqualTo(both[1]).isSameAs(record.dstAddr);
            assertThat(record.pktDstAddr).isEqualTo(both[0]).isSameAs(record.srcAddr);
        }
        FlowRecord mixed = parser.parse("- 10.0.1.5 ::ffff:10.0.1.5 10.0.1.5");
        assertThat(mixed.srcAddr).isNull();
        assertThat(mixed.pktSrcAddr).isEqualTo("10.0.1.5");
        assertThat(mixed.pktDstAddr).isEqualTo("10.0.1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.256", "01.2.3.4", "1.2.3.4.5", "1.2.3", "1.2.3.4x", "1..2.3", "1.2.3.1234",
        "4294967297.1.1.1"})
    void badDottedQuadsAreBadAddresses(String address) {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("srcaddr dstaddr pkt-srcaddr"));
        MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse("10.0.0.1 10.0.0.2 " + address));
        assertThat(e).as(address).isNotNull();
        assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_IP);
        assertThat(e.getMessage()).contains("pkt-srcaddr");
    }

    @Test
    void dottedQuadsAreValidatedAsTheByteByByteCheckDoes() throws Exception {
        // random tokens of digits and dots (now and then another byte), checked against IpAddresses' own loop:
        // in the middle of a long buffer (the word path), as the line's last token with the buffer going on, and
        // at the very end of the buffer (the byte path)
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("srcaddr dstaddr"));
        Random random = new Random(5);
        String alphabet = "0123456789....:a/";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder token = new StringBuilder();
            int length = 1 + random.nextInt(18);
            for (int j = 0; j < length; j++) {
                token.append(alphabet.charAt(random.nextInt(i % 4 == 0 ? alphabet.length() : 14)));
            }
            String address = token.toString();
            byte[] bytes = address.getBytes(StandardCharsets.US_ASCII);
            boolean valid = IpAddresses.isIpv4(bytes, 0, bytes.length);
            String[] lines = {address + " 10.0.0.1 and more bytes after the line", "10.0.0.1 " + address + "1.2.3.4 x",
                "10.0.0.1 " + address};
            int[] lengths = {lines[0].length() - " and more bytes after the line".length(),
                lines[1].length() - "1.2.3.4 x".length(), lines[2].length()};
            for (int k = 0; k < lines.length; k++) {
                byte[] buf = lines[k].getBytes(StandardCharsets.US_ASCII);
                FlowRecord record = null;
                try {
                    record = parser.parse(buf, 0, lengths[k]);
                } catch (MalformedRecordException e) {
                    assertThat(e.reason()).as(address).isIn(DeadLetterReason.BAD_IP, DeadLetterReason.BAD_ENCODING);
                }
                String parsed = record == null ? null : k == 0 ? record.srcAddr : record.dstAddr;
                if (valid) {
                    assertThat(parsed).as("%s in line %d", address, k).isEqualTo(address);
                } else if (parsed != null) {
                    assertThat(address).as("%s in line %d: only IPv6 is another address", address, k).contains(":");
                }
            }
        }
    }

    @Test
    void timestampsAreRightWhateverSlotTheirBoxesShare() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("start end"));
        Random random = new Random(11);
        long[] seen = new long[64];
        for (int i = 0; i < 10_000; i++) {
            // a few recent values again and again (boxes reused), and new ones that evict them
            long start = random.nextBoolean() ? seen[random.nextInt(seen.length)] : 1_700_000_000L + random.nextInt(1 << 20);
            long end = start + 60;
            seen[i % seen.length] = start;
            FlowRecord record = parser.parse(start + " " + end);
            assertThat(record.start).isEqualTo(start);
            assertThat(record.end).isEqualTo(end);
        }
        FlowRecord zero = parser.parse("0 0");
        assertThat(zero.start).as("a value equal to an empty slot's").isEqualTo(0L);
        assertThat(zero.end).isEqualTo(0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--", "-0", "0-", "- -", "1-"})
    void onlyALoneDashIsAbsent(String token) {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("srcport dstport"));
        MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                () -> parser.parse(token + " 80"));
        assertThat(e).as(token).isNotNull();
        assertThat(e.reason()).isIn(DeadLetterReason.BAD_NUMBER, DeadLetterReason.FIELD_COUNT);
    }

    @Test
    void absentFieldsOfEveryTypeAreNull() throws Exception {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("version account-id srcaddr srcport packets"
                + " start action log-status"));
        FlowRecord record = parser.parse("- - - - - - - -");
        assertThat(record).isEqualTo(new FlowRecord());
        FlowRecord full = parser.parse("5 123456789012 10.0.0.1 443 12345678901 1700000000 REJECT NODATA");
        assertThat(full.version).isEqualTo(5);
        assertThat(full.packets).isEqualTo(12_345_678_901L);
        assertThat(full.start).isEqualTo(1_700_000_000L);
        assertThat(full.action).isEqualTo("REJECT");
        assertThat(full.logStatus).isEqualTo("NODATA");
        assertThat(parser.parse("- - - - - - - -")).as("nothing of the previous line stays").isEqualTo(new FlowRecord());
    }

    @Test
    void overlongDigitsAreOutOfRangeNotWrapped() {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.parse("packets srcport"));
        for (String digits : new String[] {"18446744073709551616", "99999999999999999999", "0000000000000000000001",
            "9223372036854775808"}) {
            MalformedRecordException e = catchThrowableOfType(MalformedRecordException.class,
                    () -> parser.parse(digits + " 1"));
            assertThat(e).as(digits).isNotNull();
            assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_NUMBER);
        }
    }
}
