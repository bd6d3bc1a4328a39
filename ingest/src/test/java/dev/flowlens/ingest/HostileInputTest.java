package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random bytes, broken gzip, mutated objects: no exception escapes a reader, every input line is accounted for, and
 * every reject is a dead letter with a reason, an origin and a message.
 */
class HostileInputTest {
    private static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol"
            + " packets bytes start end action log-status";
    private static final String ROW = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20"
            + " 4249 1418530010 1418530070 ACCEPT OK";
    private static final ReaderLimits SMALL_LINES = new ReaderLimits(256, 1 << 20);
    /** A gzip bomb: 512 MiB of one line, in about half a MiB. */
    private static final long BOMB_BYTES = 512L << 20;
    private static byte[] bomb;

    @Property(tries = 500)
    void randomBytesAsPlainText(@ForAll("hostileBytes") byte[] input) {
        Collected out = new Collected();
        ReadStats stats = new TextFlowLogReader(FlowLogFormat.defaultFormat(), SMALL_LINES)
                .read(new ByteArrayInputStream(input), Origin.of("fuzz"), out);

        assertAccountedFor(stats, out);
        if (!(input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b)) {
            assertThat(stats.lines()).isEqualTo(expectedLines(input));
        }
    }

    @Property(tries = 500)
    void everyLineThatIsNotTextIsAnEncodingDeadLetter(@ForAll("hostileBytes") byte[] input) {
        net.jqwik.api.Assume.that(!(input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b));
        Collected out = new Collected();

        new TextFlowLogReader(FlowLogFormat.defaultFormat(), SMALL_LINES)
                .read(new ByteArrayInputStream(input), Origin.of("fuzz"), out);

        java.util.Map<Long, DeadLetter> byLine = new java.util.HashMap<>();
        out.deadLetters.forEach(d -> byLine.put(d.origin.line, d));
        long number = 0;
        for (int start = 0; start < input.length; ) {
            int end = start;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            byte[] line = Arrays.copyOfRange(input, start, end);
            number++;
            start = end + 1;
            DeadLetter letter = byLine.get(number);
            if (line.length > SMALL_LINES.maxLineBytes()) {
                continue; // too long is found before what the bytes are
            }
            if (!isText(line)) {
                assertThat(letter).as("line %d is binary: %s", number, Arrays.toString(line)).isNotNull();
                assertThat(letter.reason).as(letter.toString()).isEqualTo(DeadLetterReason.BAD_ENCODING);
            } else if (letter != null) {
                assertThat(letter.reason).as(letter.toString()).isNotEqualTo(DeadLetterReason.BAD_ENCODING);
            }
        }
    }

    /** UTF-8 without control bytes other than tab and CR: the JDK's decoder is the judge. */
    private static boolean isText(byte[] line) {
        for (byte b : line) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 300)
    void randomBytesAsCloudWatchPayload(@ForAll("hostileBytes") byte[] input, @ForAll boolean gzipped) {
        Collected out = new Collected();
        byte[] payload = gzipped ? Collected.gzip(input) : input;
        ReadStats stats = new CloudWatchLogsReader(FlowLogFormat.defaultFormat(), SMALL_LINES)
                .read(payload, Origin.kafka("t", 0, 0), out);

        assertAccountedFor(stats, out);
    }

    @Property(tries = 300)
    void mutatedS3Objects(@ForAll @IntRange(min = 1, max = 60) int rows, @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            text.append(ROW).append('\n');
        }
        byte[] object = Collected.gzip(text.toString());
        int mutation = random.nextInt(3);
        switch (mutation) {
            case 0: // truncate anywhere
                object = Arrays.copyOf(object, random.nextInt(object.length));
                break;
            case 1: // flip bytes
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    object[random.nextInt(object.length)] ^= (byte) (1 + random.nextInt(255));
                }
                break;
            default: // append garbage after the gzip member
                byte[] garbage = new byte[1 + random.nextInt(100)];
                random.nextBytes(garbage);
                byte[] longer = Arrays.copyOf(object, object.length + garbage.length);
                System.arraycopy(garbage, 0, longer, object.length, garbage.length);
                object = longer;
        }
        Collected out = new Collected();

        ReadStats stats = new TextFlowLogReader().read(new ByteArrayInputStream(object), Origin.of("k"), out);

        assertAccountedFor(stats, out);
        if (mutation == 0) { // a cut stream yields a prefix of the rows
            assertThat(stats.records()).isLessThanOrEqualTo(rows);
        } else if (mutation == 2) { // garbage after the member is ignored, as gzip readers do
            assertThat(stats.records()).isEqualTo(rows);
        }
        // flipped bytes can inflate to other text that still parses: the CRC only fails at the end (and then
        // the break is dead-lettered); so only the accounting holds
    }

    @Property(tries = 200)
    void randomBytesThroughFormatDetection(@ForAll("hostileBytes") byte[] body, @ForAll("prefixes") String prefix)
            throws Exception {
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] input = Arrays.copyOf(prefixBytes, prefixBytes.length + body.length);
        System.arraycopy(body, 0, input, prefixBytes.length, body.length);
        Collected out = new Collected();

        ReadStats stats = new FlowLogFiles(FlowLogFormat.defaultFormat(), SMALL_LINES)
                .read(new ByteArrayInputStream(input), "stdin", out);

        assertAccountedFor(stats, out);
    }

    @Property(tries = 2000)
    void parserOnlyEverThrowsMalformedRecord(@ForAll("hostileBytes") byte[] line) {
        FlowLogParser parser = new FlowLogParser(FlowLogFormat.defaultFormat());
        try {
            parser.parse(line, 0, line.length);
        } catch (MalformedRecordException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @net.jqwik.api.Example
    void giantFileOfOneLineIsOneDeadLetter() throws Exception {
        Path file = Files.createTempFile("giant", ".log");
        try {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) '7');
            try (var stream = Files.newOutputStream(file)) {
                for (int i = 0; i < 64; i++) {
                    stream.write(chunk);
                }
            }
            Collected out = new Collected();
            ReadStats stats = new FlowLogFiles(FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT).read(file, out);

            assertThat(out.deadLetters).singleElement().satisfies(d -> assertThat(d.rawLength).isEqualTo(64L << 20));
            assertAccountedFor(stats, out);
        } finally {
            Files.delete(file);
        }
    }

    @net.jqwik.api.Example
    void gzipBombIsReadThroughBoundedBuffers() {
        // memory is bounded by the line bound, not by the ratio: the whole bomb is read, and what the reading thread
        // allocates stays small (were the line buffered, it alone would be 512 MiB)
        byte[] bomb = bomb();
        assertThat(BOMB_BYTES / bomb.length).as("compression ratio").isGreaterThan(500);
        Collected out = new Collected();
        long before = allocatedByThisThread();

        ReadStats stats = new TextFlowLogReader(FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT)
                .read(new ByteArrayInputStream(bomb), Origin.of("bomb.log.gz"), out);

        assertThat(allocatedByThisThread() - before).as("bytes allocated").isLessThan(8L << 20);
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.LINE_TOO_LONG);
            assertThat(d.rawLength).isEqualTo(BOMB_BYTES);
        });
        assertAccountedFor(stats, out);
    }

    @net.jqwik.api.Example
    void gzipBombStopsAtTheDecompressedSizeBoundAndSaysSo() {
        long bound = 64L << 20;
        Collected out = new Collected();

        ReadStats stats = new TextFlowLogReader(FlowLogFormat.defaultFormat(),
                ReaderLimits.DEFAULT.withMaxDecompressedBytes(bound))
                .read(new ByteArrayInputStream(bomb()), Origin.of("bomb.log.gz"), out);

        // the bound falls inside the bomb's one line: that line is the dead letter, with how much of it was read
        assertThat(out.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.DECOMPRESSION_LIMIT);
            assertThat(d.origin.line).isEqualTo(1L);
            assertThat(d.rawLength).isEqualTo(bound);
            assertThat(d.message).contains("in line 1", bound + " decompressed bytes", "was not read");
        });
        assertAccountedFor(stats, out);
    }

    private static synchronized byte[] bomb() {
        if (bomb == null) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) '0');
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes, 1 << 16)) {
                for (long written = 0; written < BOMB_BYTES; written += chunk.length) {
                    gzip.write(chunk);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            bomb = bytes.toByteArray();
        }
        return bomb;
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Provide
    Arbitrary<byte[]> hostileBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> textish = Arbitraries.strings().withChars(" -.:\n\r\t0123456789abcdefACEPTRJOKN")
                .ofMaxLength(600).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> nearlyValid = Arbitraries.integers().between(0, ROW.length() - 1)
                .flatMap(cut -> Arbitraries.strings().ofMaxLength(5)
                        .map(noise -> (ROW.substring(0, cut) + noise + ROW.substring(cut) + "\n" + ROW)
                                .getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(random, textish, nearlyValid);
    }

    @Provide
    Arbitrary<String> prefixes() {
        String bom = "\u00ef\u00bb\u00bf"; // the UTF-8 byte-order mark, as ISO-8859-1 characters
        return Arbitraries.of("", "PAR1", "\u001f\u008b", "{\"messageType\":\"DATA_MESSAGE\",", HEADER + "\n",
                bom + HEADER + "\n", bom + "{\"messageType\":\"DATA_MESSAGE\",");
    }

    private static void assertAccountedFor(ReadStats stats, Collected out) {
        assertThat(stats.isBalanced()).as(stats.toString()).isTrue();
        assertThat(out.records).hasSize((int) stats.records());
        assertThat(out.deadLetters).hasSize((int) stats.deadLetters());
        for (DeadLetter letter : out.deadLetters) {
            assertThat(letter.reason).isNotNull();
            assertThat(letter.origin).isNotNull();
            assertThat(letter.origin.source).isNotBlank();
            assertThat(letter.message).isNotBlank();
            assertThat(letter.raw.length()).isLessThanOrEqualTo(DeadLetter.MAX_RAW_CHARS);
        }
    }

    private static long expectedLines(byte[] input) {
        long newlines = 0;
        for (byte b : input) {
            if (b == '\n') {
                newlines++;
            }
        }
        boolean unterminatedTail = input.length > 0 && input[input.length - 1] != '\n';
        return newlines + (unterminatedTail ? 1 : 0);
    }
}
