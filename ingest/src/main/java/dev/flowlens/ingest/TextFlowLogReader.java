package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Reads flow-log text: S3 objects ({@code .log.gz} with a header line), plain files and streams. Gzip is detected by
 * its magic bytes. A header line (field names) sets the format for the lines after it, in any field order; without
 * one the configured format applies. A UTF-8 byte-order mark at the start of a line is skipped. Every line ends as a
 * record or a dead letter; a broken gzip stream keeps what was read before the break and dead-letters the rest.
 */
public final class TextFlowLogReader {
    private final FlowLogFormat configuredFormat;
    private final ReaderLimits limits;

    public TextFlowLogReader(FlowLogFormat configuredFormat, ReaderLimits limits) {
        this.configuredFormat = configuredFormat;
        this.limits = limits;
    }

    public TextFlowLogReader() {
        this(FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT);
    }

    /** Reads {@code in} to its end (without closing it). */
    public ReadStats read(InputStream in, Origin origin, RecordConsumer out) {
        ReadStats stats = new ReadStats();
        BoundedLineReader lines = null;
        try {
            InputStream stream = new BufferedInputStream(in, 64 * 1024);
            if (isGzip(stream)) {
                stream = BoundedGzipInputStream.open(stream, limits.maxDecompressedBytes());
            }
            lines = new BoundedLineReader(stream, limits.maxLineBytes());
            readLines(lines, origin, out, stats);
        } catch (DecompressionLimitException e) {
            boolean midLine = lines != null && lines.pendingLength() > 0;
            String where = midLine ? "in line " + (stats.lines + 1) : "after line " + stats.lines;
            failObject(lines, stats, origin, out, DeadLetterReason.DECOMPRESSION_LIMIT, "reading stopped " + where
                    + " at the bound of " + e.decompressedBytes() + " decompressed bytes (" + e.compressedBytes()
                    + " compressed bytes consumed): the rest of the object was not read");
        } catch (EOFException | ZipException e) {
            failObject(lines, stats, origin, out, DeadLetterReason.TRUNCATED_GZIP,
                    "gzip stream truncated or corrupt (" + e.getMessage() + "); the rest of the object is lost");
        } catch (IOException e) {
            failObject(lines, stats, origin, out, DeadLetterReason.READ_ERROR, "read failed: " + e);
        }
        return stats;
    }

    private void readLines(BoundedLineReader lines, Origin origin, RecordConsumer out, ReadStats stats)
            throws IOException {
        FlowLogParser parser = new FlowLogParser(configuredFormat);
        out.formatChanged(configuredFormat);
        String formatError = null;
        try {
            while (lines.next()) {
                long lineNumber = ++stats.lines;
                byte[] buf = lines.buffer();
                int start = lines.lineStart();
                int length = lines.lineLength();
                int bom = ByteOrderMark.length(buf, start, start + length); // any line: files may be concatenated
                start += bom;
                length -= bom;
                if (lines.isTooLong()) {
                    deadLetter(out, stats, text(buf, start, length), lines.fullLength(), origin.atLine(lineNumber),
                            DeadLetterReason.LINE_TOO_LONG, "line of " + lines.fullLength()
                                    + " bytes is longer than the bound of " + limits.maxLineBytes());
                    continue;
                }
                if (length > 0 && buf[start] >= 'a' && buf[start] <= 'z') {
                    String candidate = text(buf, start, length);
                    if (FlowLogFormat.isHeaderLine(candidate)) {
                        try {
                            FlowLogParser next = new FlowLogParser(FlowLogFormat.parse(candidate));
                            stats.normalizedTimestamps += parser.normalizedTimestamps();
                            parser = next;
                            out.formatChanged(next.format());
                            formatError = null;
                            stats.headers++;
                        } catch (InvalidFormatException e) {
                            formatError = "header line: " + e.getMessage();
                            deadLetter(out, stats, candidate, length, origin.atLine(lineNumber),
                                    DeadLetterReason.BAD_FORMAT, formatError);
                        }
                        continue;
                    }
                }
                if (formatError != null) {
                    deadLetter(out, stats, text(buf, start, length), length, origin.atLine(lineNumber),
                            DeadLetterReason.BAD_FORMAT, formatError);
                    continue;
                }
                try {
                    out.record(parser.parse(buf, start, length));
                    stats.records++;
                } catch (MalformedRecordException e) {
                    deadLetter(out, stats, text(buf, start, length), length, origin.atLine(lineNumber), e.reason(),
                            e.getMessage());
                }
            }
        } finally {
            stats.normalizedTimestamps += parser.normalizedTimestamps();
        }
    }

    /** One dead letter for the rest of a broken object; it counts as a line when a partial line was pending. */
    private static void failObject(BoundedLineReader lines, ReadStats stats, Origin origin, RecordConsumer out,
            DeadLetterReason reason, String message) {
        byte[] pending = lines == null ? new byte[0] : lines.pendingBytes();
        long pendingLength = lines == null ? 0 : lines.pendingLength();
        Origin at = origin;
        if (pendingLength > 0) {
            at = origin.atLine(++stats.lines);
        } else {
            stats.objectFailures++;
        }
        deadLetter(out, stats, text(pending, 0, pending.length), pendingLength, at, reason, message);
    }

    private static void deadLetter(RecordConsumer out, ReadStats stats, String raw, long rawLength, Origin origin,
            DeadLetterReason reason, String message) {
        DeadLetter letter = DeadLetter.of(raw, origin, reason, message);
        letter.rawLength = Math.max(letter.rawLength, rawLength);
        out.deadLetter(letter);
        stats.deadLetters++;
    }

    private static String text(byte[] buf, int start, int length) {
        int kept = Math.min(length, DeadLetter.MAX_RAW_CHARS);
        String text = new String(buf, start, kept, StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    static boolean isGzip(InputStream stream) throws IOException {
        stream.mark(2);
        int first = stream.read();
        int second = stream.read();
        stream.reset();
        return first == 0x1f && second == 0x8b;
    }
}
