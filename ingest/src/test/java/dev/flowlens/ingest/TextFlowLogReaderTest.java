package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextFlowLogReaderTest {
    private static final String KEY = "s3://logs/AWSLogs/123456789010/vpcflowlogs/us-east-1/2024/03/01/"
            + "123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20240301T0000Z_hash.log.gz";
    /** A header in an order that is not the table order, as real custom-format objects have. */
    private static final String HEADER = "srcaddr dstaddr account-id version interface-id srcport dstport protocol"
            + " packets bytes start end action log-status vpc-id";
    private static final String ROW = "10.0.1.5 10.0.2.9 123456789010 3 eni-0a1b2c3d 443 51234 6 10 8400"
            + " 1709251200 1709251260 ACCEPT OK vpc-0123";

    private final TextFlowLogReader reader = new TextFlowLogReader();

    @Test
    void s3ObjectWithHeaderInAnyOrder() {
        byte[] object = Collected.gzip(HEADER + "\n" + ROW + "\n" + ROW.replace("443", "80") + "\n");
        Collected out = new Collected();

        ReadStats stats = reader.read(new ByteArrayInputStream(object), Origin.of(KEY), out);

        assertThat(stats.headers()).isEqualTo(1);
        assertThat(stats.records()).isEqualTo(2);
        assertThat(stats.isBalanced()).isTrue();
        FlowRecord first = out.records.get(0);
        assertThat(first.srcAddr).isEqualTo("10.0.1.5");
        assertThat(first.accountId).isEqualTo("123456789010");
        assertThat(first.version).isEqualTo(3);
        assertThat(first.vpcId).isEqualTo("vpc-0123");
        assertThat(out.records.get(1).srcPort).isEqualTo(80);
    }

    @Test
    void plainTextWithoutHeaderUsesTheConfiguredFormatAndCrlf() {
        String text = "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1700000000 1700000060 ACCEPT OK\r\n"
                + "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1700000000 1700000060 REJECT OK";
        Collected out = new Collected();

        ReadStats stats = reader.read(stream(text), Origin.of("f.log"), out);

        assertThat(stats.records()).isEqualTo(2);
        assertThat(stats.headers()).isZero();
        assertThat(out.records).extracting(r -> r.action).containsExactly("ACCEPT", "REJECT");
    }

    @Test
    void malformedLinesBecomeDeadLettersWithLineNumbersAndTheRestIsKept() {
        String text = HEADER + "\n" + ROW + "\n" + "garbage\n" + "\n" + ROW.replace("10.0.2.9", "10.0.2.999") + "\n"
                + ROW + "\n";
        Collected out = new Collected();

        ReadStats stats = reader.read(stream(text), Origin.of(KEY), out);

        assertThat(stats.lines()).isEqualTo(6);
        assertThat(stats.records()).isEqualTo(2);
        assertThat(stats.deadLetters()).isEqualTo(3);
        assertThat(stats.isBalanced()).isTrue();
        assertThat(out.deadLetters).extracting(d -> d.reason).containsExactly(DeadLetterReason.FIELD_COUNT,
                DeadLetterReason.EMPTY_LINE, DeadLetterReason.BAD_IP);
        assertThat(out.deadLetters).extracting(d -> d.origin.line).containsExactly(3L, 4L, 5L);
        assertThat(out.deadLetters.get(0).origin.source).isEqualTo(KEY);
        assertThat(out.deadLetters.get(0).raw).isEqualTo("garbage");
    }

    @Test
    void headerNamingAnUnknownFieldDeadLettersEveryLineOfTheObject() {
        String text = "version srcaddr dstaddr colour\n2 10.0.0.1 10.0.0.2 red\n2 10.0.0.1 10.0.0.2 blue\n";
        Collected out = new Collected();

        ReadStats stats = reader.read(stream(text), Origin.of(KEY), out);

        assertThat(stats.records()).isZero();
        assertThat(stats.deadLetters()).isEqualTo(3);
        assertThat(stats.isBalanced()).isTrue();
        assertThat(out.deadLetters).allSatisfy(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.BAD_FORMAT);
            assertThat(d.message).contains("'colour'");
        });
    }

    @Test
    void lineOverTheBoundIsDeadLetteredWithoutBufferingItAndReadingGoesOn() {
        ReaderLimits limits = ReaderLimits.DEFAULT.withMaxLineBytes(1024);
        char[] giant = new char[5_000_000];
        Arrays.fill(giant, 'x');
        String text = ROW + "\n" + new String(giant) + "\n" + ROW + "\n";
        Collected out = new Collected();

        ReadStats stats = new TextFlowLogReader(FlowLogFormat.parse(HEADER), limits)
                .read(stream(text), Origin.of("big.log"), out);

        assertThat(stats.records()).isEqualTo(2);
        assertThat(out.deadLetters).hasSize(1);
        DeadLetter letter = out.deadLetters.get(0);
        assertThat(letter.reason).isEqualTo(DeadLetterReason.LINE_TOO_LONG);
        assertThat(letter.origin.line).isEqualTo(2L);
        assertThat(letter.rawLength).isEqualTo(5_000_000L);
        assertThat(letter.raw).hasSizeBetween(1024, DeadLetter.MAX_RAW_CHARS).matches("x+");
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void truncatedGzipKeepsWhatWasReadAndDeadLettersTheRest() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 2000; i++) {
            text.append(ROW.replace("8400", Integer.toString(i))).append('\n');
        }
        byte[] whole = Collected.gzip(text.toString());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Collected out = new Collected();

        ReadStats stats = reader.read(new ByteArrayInputStream(cut), Origin.of(KEY), out);

        assertThat(stats.records()).isGreaterThan(0).isLessThan(2000);
        assertThat(out.deadLetters).hasSize(1);
        assertThat(out.deadLetters.get(0).reason).isEqualTo(DeadLetterReason.TRUNCATED_GZIP);
        assertThat(stats.isBalanced()).isTrue();
        // records before the cut are exact, in order
        for (int i = 0; i < out.records.size(); i++) {
            assertThat(out.records.get(i).bytes).isEqualTo((long) i);
        }
    }

    @Test
    void repetitiveNodataLinesPastAnyCompressionRatioAreAllRead() {
        // quiet interfaces write the same NODATA line again and again; such objects compress far beyond 200:1
        String nodata = "2 123456789010 eni-0a1b2c3d4e5f60789 - - - - - - - 1709251200 1709251260 - NODATA\n";
        byte[] object = Collected.gzip(nodata.repeat(300_000));
        assertThat((double) nodata.length() * 300_000 / object.length).as("compression ratio").isGreaterThan(200);
        Collected out = new Collected();

        ReadStats stats = reader.read(new ByteArrayInputStream(object), Origin.of(KEY), out);

        assertThat(out.deadLetters).isEmpty();
        assertThat(stats.records()).isEqualTo(300_000);
        assertThat(out.records).allSatisfy(r -> assertThat(r.logStatus).isEqualTo("NODATA"));
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void decompressedSizeBoundStopsReadingAndTheDeadLetterSaysWhatWasNotRead() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 2000; i++) {
            text.append(rowOf(i)).append('\n');
        }
        long bound = 100_000; // about half the object
        ReaderLimits limits = new ReaderLimits(1024, bound);
        Collected out = new Collected();

        ReadStats stats = new TextFlowLogReader(FlowLogFormat.defaultFormat(), limits)
                .read(new ByteArrayInputStream(Collected.gzip(text.toString())), Origin.of(KEY), out);

        // every line whose newline lies within the bound is read, in order; the line the bound cuts is the one
        // dead letter, holding the part that was read
        int complete = 0;
        long end = HEADER.length() + 1;
        while (end + rowOf(complete).length() + 1 <= bound) {
            end += rowOf(complete++).length() + 1;
        }
        String cut = rowOf(complete).substring(0, (int) (bound - end));
        assertThat(cut).as("the bound falls inside a row").isNotEmpty();
        assertThat(stats.records()).isEqualTo(complete);
        for (int i = 0; i < out.records.size(); i++) {
            assertThat(out.records.get(i).bytes).isEqualTo((long) i);
        }
        long cutLine = complete + 2L; // after the header and the complete rows
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.DECOMPRESSION_LIMIT);
            assertThat(d.origin.source).isEqualTo(KEY);
            assertThat(d.origin.line).isEqualTo(cutLine);
            assertThat(d.raw).isEqualTo(cut);
            assertThat(d.message).contains(bound + " decompressed bytes", "line " + cutLine,
                    "the rest of the object was not read");
        });
        assertThat(stats.lines()).isEqualTo(cutLine);
        assertThat(stats.isBalanced()).isTrue();
    }

    private static String rowOf(int i) {
        return ROW.replace("8400", Integer.toString(i));
    }

    @Test
    void objectEndingExactlyAtTheBoundIsReadWhole() {
        String text = ROW + "\n" + ROW + "\n";
        ReaderLimits limits = new ReaderLimits(1024, text.length());
        Collected out = new Collected();

        ReadStats stats = new TextFlowLogReader(FlowLogFormat.parse(HEADER), limits)
                .read(new ByteArrayInputStream(Collected.gzip(text)), Origin.of(KEY), out);

        assertThat(out.deadLetters).isEmpty();
        assertThat(stats.records()).isEqualTo(2);
    }

    @Test
    void concatenatedGzipMembersAreOneObject() {
        byte[] a = Collected.gzip(HEADER + "\n" + ROW + "\n");
        byte[] b = Collected.gzip(ROW + "\n");
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Collected out = new Collected();

        ReadStats stats = reader.read(new ByteArrayInputStream(both), Origin.of(KEY), out);

        assertThat(stats.records()).isEqualTo(2);
    }

    @Test
    void readErrorIsADeadLetterNotAnException() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served < ROW.length() + 1) {
                    return (ROW + "\n").charAt(served++);
                }
                throw new IOException("connection reset");
            }
        };
        Collected out = new Collected();

        ReadStats stats = new TextFlowLogReader(FlowLogFormat.parse(HEADER), ReaderLimits.DEFAULT)
                .read(failing, Origin.of("s3://b/k"), out);

        assertThat(stats.records()).isEqualTo(1);
        assertThat(out.deadLetters).extracting(d -> d.reason).containsExactly(DeadLetterReason.READ_ERROR);
        assertThat(stats.isBalanced()).isTrue();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
