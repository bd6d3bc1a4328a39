package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses flow-log text lines of one {@link FlowLogFormat} into typed {@link FlowRecord}s, straight from bytes.
 *
 * <p>Fields are separated by runs of spaces or tabs (real logs contain double spaces); a trailing CR is ignored.
 * {@code -} means absent and becomes {@code null}. Numbers are parsed without intermediate strings and checked
 * against the field's range; addresses are validated as IPv4 or IPv6; 13-digit millisecond timestamps are
 * normalised to seconds and counted in {@link #normalizedTimestamps()}. Anything else is a
 * {@link MalformedRecordException} with a reason code: the caller turns it into a dead letter.
 *
 * <p>Not thread-safe: one parser per thread (it keeps a decoder and a counter).
 */
public final class FlowLogParser {
    /** Values at or above this are epoch milliseconds: as seconds they would be past the year 5000. */
    static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final int MAX_QUOTED = 64;

    private final FlowLogFormat format;
    private final FlowLogField[] fields;
    private final int[] tokenBounds;
    private final int versionIndex;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long normalizedTimestamps;

    public FlowLogParser(FlowLogFormat format) {
        this.format = format;
        this.fields = format.fields().toArray(new FlowLogField[0]);
        this.tokenBounds = new int[fields.length * 2];
        this.versionIndex = format.fields().indexOf(FlowLogField.VERSION);
    }

    public FlowLogFormat format() {
        return format;
    }

    /** How many millisecond timestamps this parser has normalised to seconds. */
    public long normalizedTimestamps() {
        return normalizedTimestamps;
    }

    public FlowRecord parse(String line) throws MalformedRecordException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /** Parses the line in {@code buf[offset, offset + length)}, which must not contain the line's newline. */
    public FlowRecord parse(byte[] buf, int offset, int length) throws MalformedRecordException {
        int end = offset + length;
        int count = 0;
        int p = offset;
        while (true) {
            while (p < end && isSeparator(buf[p])) {
                p++;
            }
            if (p >= end) {
                break;
            }
            int start = p;
            while (p < end && !isSeparator(buf[p])) {
                p++;
            }
            if (count < fields.length) {
                tokenBounds[2 * count] = start;
                tokenBounds[2 * count + 1] = p;
            }
            count++;
        }
        if (count != fields.length) {
            if (count == 0) {
                throw new MalformedRecordException(DeadLetterReason.EMPTY_LINE, "empty line");
            }
            throw new MalformedRecordException(DeadLetterReason.FIELD_COUNT,
                    "expected " + fields.length + " fields, found " + count);
        }
        if (versionIndex >= 0 && isTransitGatewayVersion(buf, tokenBounds[2 * versionIndex],
                tokenBounds[2 * versionIndex + 1])) {
            throw new MalformedRecordException(DeadLetterReason.UNSUPPORTED_VERSION,
                    "version 6 is a transit-gateway flow log record, which Flowlens does not read");
        }
        FlowRecord record = new FlowRecord();
        for (int i = 0; i < fields.length; i++) {
            setField(record, fields[i], buf, tokenBounds[2 * i], tokenBounds[2 * i + 1]);
        }
        return record;
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static boolean isTransitGatewayVersion(byte[] buf, int start, int end) {
        return end - start == 1 && buf[start] == '6';
    }

    private void setField(FlowRecord record, FlowLogField field, byte[] buf, int start, int end)
            throws MalformedRecordException {
        if (end - start == 1 && buf[start] == '-') {
            return; // absent: stays null
        }
        switch (field.type()) {
            case INT:
                field.set(record, (int) number(field, buf, start, end));
                break;
            case LONG:
                field.set(record, number(field, buf, start, end));
                break;
            case TIMESTAMP:
                long value = number(field, buf, start, end);
                if (value >= MILLIS_THRESHOLD) {
                    value /= 1000;
                    normalizedTimestamps++;
                }
                field.set(record, value);
                break;
            case IP:
                if (!IpAddresses.isValid(buf, start, end)) {
                    throw new MalformedRecordException(DeadLetterReason.BAD_IP,
                            "bad IP address in " + field.awsName() + ": " + quote(buf, start, end));
                }
                field.set(record, new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
                break;
            case ACTION:
                field.set(record, action(buf, start, end));
                break;
            case LOG_STATUS:
                field.set(record, logStatus(buf, start, end));
                break;
            case STRING:
                field.set(record, text(field, buf, start, end));
                break;
            default:
                throw new AssertionError(field.type());
        }
    }

    private static long number(FlowLogField field, byte[] buf, int start, int end) throws MalformedRecordException {
        if (end - start > 19) {
            throw badNumber(field, buf, start, end);
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = buf[i] - '0';
            if (digit < 0 || digit > 9) {
                throw badNumber(field, buf, start, end);
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw badNumber(field, buf, start, end);
            }
            value = value * 10 + digit;
        }
        if (value < field.min() || value > field.max()) {
            throw new MalformedRecordException(DeadLetterReason.BAD_NUMBER, field.awsName() + " out of range ["
                    + field.min() + ", " + field.max() + "]: " + quote(buf, start, end));
        }
        return value;
    }

    private static MalformedRecordException badNumber(FlowLogField field, byte[] buf, int start, int end) {
        return new MalformedRecordException(DeadLetterReason.BAD_NUMBER,
                "bad number in " + field.awsName() + ": " + quote(buf, start, end));
    }

    private static String action(byte[] buf, int start, int end) throws MalformedRecordException {
        if (matches(buf, start, end, FlowRecords.ACCEPT)) {
            return FlowRecords.ACCEPT;
        }
        if (matches(buf, start, end, FlowRecords.REJECT)) {
            return FlowRecords.REJECT;
        }
        throw new MalformedRecordException(DeadLetterReason.BAD_VALUE,
                "action must be ACCEPT, REJECT or -: " + quote(buf, start, end));
    }

    private static String logStatus(byte[] buf, int start, int end) throws MalformedRecordException {
        if (matches(buf, start, end, FlowRecords.OK)) {
            return FlowRecords.OK;
        }
        if (matches(buf, start, end, FlowRecords.NODATA)) {
            return FlowRecords.NODATA;
        }
        if (matches(buf, start, end, FlowRecords.SKIPDATA)) {
            return FlowRecords.SKIPDATA;
        }
        throw new MalformedRecordException(DeadLetterReason.BAD_VALUE,
                "log-status must be OK, NODATA, SKIPDATA or -: " + quote(buf, start, end));
    }

    private static boolean matches(byte[] buf, int start, int end, String constant) {
        if (end - start != constant.length()) {
            return false;
        }
        for (int i = 0; i < constant.length(); i++) {
            if (buf[start + i] != constant.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String text(FlowLogField field, byte[] buf, int start, int end) throws MalformedRecordException {
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b < 0) {
                ascii = false;
            } else if (b < 0x20 || b == 0x7f) {
                throw new MalformedRecordException(DeadLetterReason.BAD_ENCODING,
                        "control character 0x" + Integer.toHexString(b) + " in " + field.awsName());
            }
        }
        if (ascii) {
            return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(buf, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRecordException(DeadLetterReason.BAD_ENCODING,
                    "invalid UTF-8 in " + field.awsName());
        }
    }

    /** The token as text for an error message, bounded and with non-printable bytes escaped. */
    static String quote(byte[] buf, int start, int end) {
        StringBuilder text = new StringBuilder("'");
        int limit = Math.min(end, start + MAX_QUOTED);
        for (int i = start; i < limit; i++) {
            int b = buf[i] & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        if (end > limit) {
            text.append("...");
        }
        return text.append('\'').toString();
    }
}
