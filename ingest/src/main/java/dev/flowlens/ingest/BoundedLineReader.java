package dev.flowlens.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines on {@code \n} without ever buffering more than {@code maxLineBytes} of one line.
 * A longer line is reported as too long, with its first bytes kept and the rest skipped.
 */
final class BoundedLineReader {
    private static final int KEEP_OF_LONG_LINE = 4096;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private int lineStart;
    private int lineLength;
    private long fullLength;
    private boolean tooLong;
    private byte[] longLineStart;
    private boolean skipping;
    private long skipped;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.min(maxLineBytes + 1, 64 * 1024)];
    }

    /** Advances to the next line; false at the end of the stream. Read errors propagate with the line unread. */
    boolean next() throws IOException {
        tooLong = false;
        int scanned = 0; // bytes after pos already known to hold no newline
        while (true) {
            int newline = indexOf((byte) '\n', pos + scanned, limit);
            if (newline >= 0) {
                setLine(pos, newline - pos);
                pos = newline + 1;
                return true;
            }
            scanned = limit - pos;
            if (scanned > maxLineBytes) {
                skipLongLine();
                return true;
            }
            if (eof) {
                if (limit > pos) {
                    setLine(pos, limit - pos);
                    pos = limit;
                    return true;
                }
                return false;
            }
            compactAndFill();
        }
    }

    /** The bytes of the last line that are buffered (for a too-long line: its first bytes). */
    byte[] buffer() {
        return tooLong ? longLineStart : buf;
    }

    int lineStart() {
        return tooLong ? 0 : lineStart;
    }

    int lineLength() {
        return tooLong ? longLineStart.length : lineLength;
    }

    /** Whether the last line passed {@code maxLineBytes}; then only its start is available. */
    boolean isTooLong() {
        return tooLong;
    }

    /** Length in bytes of the last line, including what was skipped. */
    long fullLength() {
        return fullLength;
    }

    /**
     * Bytes of the unfinished line when a read error stops reading: the bytes read but not yet returned as a line,
     * or, inside a too-long line being skipped, its first bytes.
     */
    byte[] pendingBytes() {
        return skipping ? longLineStart : Arrays.copyOfRange(buf, pos, limit);
    }

    /** Length in bytes of the unfinished line read so far (see {@link #pendingBytes}). */
    long pendingLength() {
        return skipping ? skipped + (limit - pos) : limit - pos;
    }

    private void setLine(int start, int length) {
        lineStart = start;
        lineLength = length;
        fullLength = length;
    }

    private void skipLongLine() throws IOException {
        tooLong = true;
        longLineStart = Arrays.copyOfRange(buf, pos, pos + Math.min(KEEP_OF_LONG_LINE, limit - pos));
        skipped = 0;
        skipping = true; // until the line's end: a read error here stops inside this line
        while (true) {
            int newline = indexOf((byte) '\n', pos, limit);
            if (newline >= 0) {
                skipped += newline - pos;
                pos = newline + 1;
                break;
            }
            skipped += limit - pos;
            pos = limit;
            if (eof) {
                break;
            }
            compactAndFill();
        }
        fullLength = skipped;
        skipping = false;
    }

    /** Moves unread bytes to the front and reads more; sets {@code eof} when the stream ends. */
    private void compactAndFill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLineBytes + 1 + 64 * 1024));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private int indexOf(byte b, int from, int to) {
        return Swar.indexOf(buf, from, to, b);
    }
}
