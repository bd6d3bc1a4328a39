package dev.flowlens.ingest;

import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes records as flow-log text lines of one format, straight to bytes (the inverse of {@link FlowLogParser}):
 * single spaces, {@code -} for absent fields, a newline at the end. No per-field allocation, for generators and
 * producers that write millions of lines. Not thread-safe.
 */
public final class FlowLineWriter {
    private final FlowLogField[] fields;
    private byte[] buf = new byte[512];
    private int length;

    public FlowLineWriter(FlowLogFormat format) {
        this.fields = format.fields().toArray(new FlowLogField[0]);
    }

    /** Writes the record's line, newline included, to {@code out}. */
    public void write(FlowRecord record, OutputStream out) throws IOException {
        length = 0;
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                put((byte) ' ');
            }
            Object value = fields[i].get(record);
            if (value == null) {
                put((byte) '-');
            } else if (value instanceof Integer) {
                putLong((Integer) value);
            } else if (value instanceof Long) {
                putLong((Long) value);
            } else {
                putText((String) value);
            }
        }
        put((byte) '\n');
        out.write(buf, 0, length);
    }

    private void put(byte b) {
        if (length == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[length++] = b;
    }

    private void putLong(long value) {
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int digits = digits(value);
        if (length + digits > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + digits));
        }
        for (int i = length + digits - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    private static int digits(long value) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    private void putText(String text) {
        int n = text.length();
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n * 3));
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) { // rare: fall back to UTF-8 for the whole value
                byte[] bytes = text.substring(i).getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    put(b);
                }
                return;
            }
            buf[length++] = (byte) c;
        }
    }
}
