package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses flow-log text lines of one {@link FlowLogFormat} into typed {@link FlowRecord}s, straight from bytes.
 *
 * <p>Fields are separated by runs of spaces or tabs (real logs contain double spaces); a trailing CR is ignored.
 * {@code -} means absent and becomes {@code null}. Numbers are parsed without intermediate strings and checked
 * against the field's range; addresses are validated as IPv4 (no leading zeros) or IPv6, IPv6 is stored in
 * canonical form and IPv4-mapped IPv6 ({@code ::ffff:10.0.1.5}) as the IPv4 address (see {@link IpAddresses}); 13-digit millisecond timestamps are normalised to seconds and counted in
 * {@link #normalizedTimestamps()}. Anything else is a {@link MalformedRecordException} with a reason code: the caller
 * turns it into a dead letter. A line that is not UTF-8 text (control bytes, invalid UTF-8: binary data, UTF-16) is
 * {@code BAD_ENCODING}, whichever field it breaks. Transit-gateway records (version 6) are records like any other.
 *
 * <p>Not thread-safe: one parser per thread (it keeps a decoder, a string cache and counters).
 */
public final class FlowLogParser {
    /** Values at or above this are epoch milliseconds: as seconds they would be past the year 5000. */
    static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final int MAX_QUOTED = 64;
    private static final int TIMESTAMP_SLOTS = 16;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L};
    /** Every port, protocol and flag value, boxed once: shared and immutable. */
    private static final Integer[] SMALL_INTEGERS = new Integer[65536];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = i;
        }
    }

    // What reads each field, by its type (see readers); the three numeric readers are consecutive.
    private static final byte READ_TEXT = 0;
    private static final byte READ_IP = 1;
    private static final byte READ_INT = 2;
    private static final byte READ_LONG = 3;
    private static final byte READ_TIMESTAMP = 4;
    private static final byte READ_ACTION = 5;
    private static final byte READ_LOG_STATUS = 6;

    private final FlowLogFormat format;
    private final FlowLogField[] fields;
    /** The reader of each field of the format, in its order: resolved once, not per token. */
    private final byte[] readers;
    private final AsciiStringCache strings = new AsciiStringCache(2048); // 2048 sets of 2: 4096 entries
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long normalizedTimestamps;
    /** Out-values of {@link #scanDigits} (the number) and {@link #scanText} (the hash, and whether plain). */
    private long scannedValue;
    private boolean scannedPlain;
    /** The words of the text token {@link #scanText} read last (a line bounds its length, so this array too). */
    private long[] tokenWords = new long[32];
    /**
     * Recent timestamps and their boxes, direct-mapped by value: a hit stores nothing (a young box stored into
     * this long-lived parser costs a G1 write barrier with a memory fence), and start and end of a window get
     * different slots, usually.
     */
    private final long[] timestampValues = new long[TIMESTAMP_SLOTS];
    private final Long[] timestampBoxes = new Long[TIMESTAMP_SLOTS];
    // Scan state of the line being parsed: where the current token ends, whether it was bad, the first bad field.
    private int position;
    private boolean failedToken;
    private int failed;
    private int failedStart;
    /** The IPv4 address fields already read in this line: where their text is, and which field (index) it is. */
    private final int[] lineAddressStarts = new int[4];
    private final int[] lineAddressEnds = new int[4];
    private final int[] lineAddressFields = new int[4];
    private int lineAddressCount;

    public FlowLogParser(FlowLogFormat format) {
        this.format = format;
        this.fields = format.fields().toArray(new FlowLogField[0]);
        this.readers = new byte[fields.length];
        for (int i = 0; i < fields.length; i++) {
            readers[i] = reader(fields[i].type());
        }
    }

    private static byte reader(FlowLogField.Type type) {
        switch (type) {
            case STRING: return READ_TEXT;
            case IP: return READ_IP;
            case INT: return READ_INT;
            case LONG: return READ_LONG;
            case TIMESTAMP: return READ_TIMESTAMP;
            case ACTION: return READ_ACTION;
            case LOG_STATUS: return READ_LOG_STATUS;
            default: throw new AssertionError(type);
        }
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
        // One pass: each token is scanned once by the reader of its field's type, which leaves the token's end in
        // `position` and notes a bad token in `failed` instead of throwing, so that a wrong field count is reported
        // before any field error; then one direct store into the record's field.
        int end = offset + length;
        FlowRecord record = new FlowRecord();
        int count = 0;
        failed = -1;
        lineAddressCount = 0;
        int p = offset;
        while (true) {
            while (p < end && isSeparator(buf[p])) {
                p++;
            }
            if (p >= end) {
                break;
            }
            if (count >= fields.length || failed >= 0) {
                p = tokenEnd(buf, p, end);
            } else {
                position = p;
                FlowLogField field = fields[count];
                // A new record's fields are all null, so `-` (absent) needs no store. Then one call site per kind
                // of reader, not per field: C2 gives up inlining a method past a node budget, and one copy of each
                // reader is what fits; the numbers share one copy of the digit scan.
                if (!absent(buf, end)) {
                    byte reader = readers[count];
                    if (reader == READ_TEXT) {
                        storeString(record, field, textToken(buf, end));
                    } else if (reader == READ_IP) {
                        storeString(record, field, ipToken(record, count, buf, end));
                    } else if (reader <= READ_TIMESTAMP) {
                        numberToken(record, field, reader, buf, end);
                    } else {
                        storeString(record, field, reader == READ_ACTION ? actionToken(buf, end)
                                : logStatusToken(buf, end));
                    }
                }
                if (failedToken) {
                    failed = count;
                    failedStart = p;
                    failedToken = false;
                }
                p = position;
            }
            count++;
        }
        if (count != fields.length || failed >= 0) {
            // binary input fails somewhere (no field takes a control byte, only text fields take non-ASCII), and
            // then its encoding is the reason worth reporting, whichever field it broke
            MalformedRecordException notText = notText(buf, offset, end);
            if (notText != null) {
                throw notText;
            }
        }
        if (count != fields.length) {
            if (count == 0) {
                throw new MalformedRecordException(DeadLetterReason.EMPTY_LINE, "empty line");
            }
            throw new MalformedRecordException(DeadLetterReason.FIELD_COUNT,
                    "expected " + fields.length + " fields, found " + count);
        }
        if (failed >= 0) {
            throw explain(fields[failed], buf, failedStart, tokenEnd(buf, failedStart, end));
        }
        return record;
    }

    // The stores, one switch per Java type: each case is a single field store, so the switches stay small to compile.
    private static void storeString(FlowRecord record, FlowLogField field, String value) {
        switch (field) {
            case ACCOUNT_ID: record.accountId = value; break;
            case INTERFACE_ID: record.interfaceId = value; break;
            case SRCADDR: record.srcAddr = value; break;
            case DSTADDR: record.dstAddr = value; break;
            case ACTION: record.action = value; break;
            case LOG_STATUS: record.logStatus = value; break;
            case VPC_ID: record.vpcId = value; break;
            case SUBNET_ID: record.subnetId = value; break;
            case INSTANCE_ID: record.instanceId = value; break;
            case TYPE: record.type = value; break;
            case PKT_SRCADDR: record.pktSrcAddr = value; break;
            case PKT_DSTADDR: record.pktDstAddr = value; break;
            case REGION: record.region = value; break;
            case AZ_ID: record.azId = value; break;
            case SUBLOCATION_TYPE: record.sublocationType = value; break;
            case SUBLOCATION_ID: record.sublocationId = value; break;
            case PKT_SRC_AWS_SERVICE: record.pktSrcAwsService = value; break;
            case PKT_DST_AWS_SERVICE: record.pktDstAwsService = value; break;
            case FLOW_DIRECTION: record.flowDirection = value; break;
            case ECS_CLUSTER_ARN: record.ecsClusterArn = value; break;
            case ECS_CLUSTER_NAME: record.ecsClusterName = value; break;
            case ECS_CONTAINER_INSTANCE_ARN: record.ecsContainerInstanceArn = value; break;
            case ECS_CONTAINER_INSTANCE_ID: record.ecsContainerInstanceId = value; break;
            case ECS_CONTAINER_ID: record.ecsContainerId = value; break;
            case ECS_SECOND_CONTAINER_ID: record.ecsSecondContainerId = value; break;
            case ECS_SERVICE_NAME: record.ecsServiceName = value; break;
            case ECS_TASK_DEFINITION_ARN: record.ecsTaskDefinitionArn = value; break;
            case ECS_TASK_ARN: record.ecsTaskArn = value; break;
            case ECS_TASK_ID: record.ecsTaskId = value; break;
            case REJECT_REASON: record.rejectReason = value; break;
            case RESOURCE_ID: record.resourceId = value; break;
            case INSTANCE_TAG: record.instanceTag = value; break;
            case INSTANCE_TAG_2: record.instanceTag2 = value; break;
            case INTERFACE_TAG: record.interfaceTag = value; break;
            case INTERFACE_TAG_2: record.interfaceTag2 = value; break;
            case ASG_TAG: record.asgTag = value; break;
            case ASG_TAG_2: record.asgTag2 = value; break;
            case INTERFACE_TYPE: record.interfaceType = value; break;
            case NEXT_HOP_INTERFACE_ID: record.nextHopInterfaceId = value; break;
            case NEXT_HOP_SUBNET_ID: record.nextHopSubnetId = value; break;
            case NEXT_HOP_AZ_ID: record.nextHopAzId = value; break;
            case NEXT_HOP_VPC_ID: record.nextHopVpcId = value; break;
            case NEXT_HOP_INTERFACE_TYPE: record.nextHopInterfaceType = value; break;
            case RESOURCE_TYPE: record.resourceType = value; break;
            case TGW_ID: record.tgwId = value; break;
            case TGW_ATTACHMENT_ID: record.tgwAttachmentId = value; break;
            case TGW_SRC_VPC_ACCOUNT_ID: record.tgwSrcVpcAccountId = value; break;
            case TGW_DST_VPC_ACCOUNT_ID: record.tgwDstVpcAccountId = value; break;
            case TGW_SRC_VPC_ID: record.tgwSrcVpcId = value; break;
            case TGW_DST_VPC_ID: record.tgwDstVpcId = value; break;
            case TGW_SRC_SUBNET_ID: record.tgwSrcSubnetId = value; break;
            case TGW_DST_SUBNET_ID: record.tgwDstSubnetId = value; break;
            case TGW_SRC_ENI: record.tgwSrcEni = value; break;
            case TGW_DST_ENI: record.tgwDstEni = value; break;
            case TGW_SRC_AZ_ID: record.tgwSrcAzId = value; break;
            case TGW_DST_AZ_ID: record.tgwDstAzId = value; break;
            case TGW_PAIR_ATTACHMENT_ID: record.tgwPairAttachmentId = value; break;
            default: throw new AssertionError(field);
        }
    }

    private static void storeInteger(FlowRecord record, FlowLogField field, Integer value) {
        switch (field) {
            case VERSION: record.version = value; break;
            case SRCPORT: record.srcPort = value; break;
            case DSTPORT: record.dstPort = value; break;
            case PROTOCOL: record.protocol = value; break;
            case TCP_FLAGS: record.tcpFlags = value; break;
            case TRAFFIC_PATH: record.trafficPath = value; break;
            case ENCRYPTION_STATUS: record.encryptionStatus = value; break;
            default: throw new AssertionError(field);
        }
    }

    private static void storeLong(FlowRecord record, FlowLogField field, Long value) {
        switch (field) {
            case PACKETS: record.packets = value; break;
            case BYTES: record.bytes = value; break;
            case START: record.start = value; break;
            case END: record.end = value; break;
            case PACKETS_LOST_NO_ROUTE: record.packetsLostNoRoute = value; break;
            case PACKETS_LOST_BLACKHOLE: record.packetsLostBlackhole = value; break;
            case PACKETS_LOST_MTU_EXCEEDED: record.packetsLostMtuExceeded = value; break;
            case PACKETS_LOST_TTL_EXPIRED: record.packetsLostTtlExpired = value; break;
            default: throw new AssertionError(field);
        }
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static int tokenEnd(byte[] buf, int p, int end) {
        while (p < end && !isSeparator(buf[p])) {
            p++;
        }
        return p;
    }

    /** Whether the token at {@code position} is {@code -} (absent); if so, steps over it. */
    private boolean absent(byte[] buf, int end) {
        int p = position;
        if (buf[p] == '-' && (p + 1 == end || isSeparator(buf[p + 1]))) {
            position = p + 1;
            return true;
        }
        return false;
    }

    /** Scans a numeric token; {@code null} (and {@link #failedToken}) when it is not a number in range. */
    private long number(FlowLogField field, byte[] buf, int end) {
        int start = position;
        int p = scanDigits(buf, start, end);
        boolean allDigits = p > start && (p == end || isSeparator(buf[p]));
        position = tokenEnd(buf, p, end);
        long value = scannedValue;
        // 19 digits stay below 2^64, so an overflow of the signed long shows as a negative value
        if (!allDigits || p - start > 19 || value < field.min() || value > field.max()) {
            failedToken = true;
            return 0;
        }
        return value;
    }

    /** Reads a number of {@code field} (of an INT, LONG or TIMESTAMP reader) and stores it, boxed. */
    private void numberToken(FlowRecord record, FlowLogField field, byte reader, byte[] buf, int end) {
        long value = number(field, buf, end);
        if (reader == READ_INT) {
            storeInteger(record, field, value < SMALL_INTEGERS.length ? SMALL_INTEGERS[(int) value]
                    : Integer.valueOf((int) value));
        } else {
            storeLong(record, field, reader == READ_TIMESTAMP ? timestamp(value) : Long.valueOf(value));
        }
    }

    /** Epoch seconds; milliseconds are normalised and counted; recent boxed values are reused. */
    private Long timestamp(long value) {
        if (value >= MILLIS_THRESHOLD) {
            value /= 1000;
            normalizedTimestamps++;
        }
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> 60); // the top 4 bits: TIMESTAMP_SLOTS
        Long box = timestampBoxes[slot];
        if (box != null && timestampValues[slot] == value) {
            return box;
        }
        box = value;
        timestampBoxes[slot] = box;
        timestampValues[slot] = value;
        return box;
    }

    private String ipToken(FlowRecord record, int index, byte[] buf, int end) {
        int start = position;
        int stop = ipv4End(buf, start, end);
        if (stop >= 0) {
            // a plain dotted quad, validated in the same pass that found its end; the text is stored as written,
            // so a later field of this line with the same bytes (pkt-srcaddr after srcaddr) shares its String
            position = stop;
            return lineAddress(record, index, buf, start, stop);
        }
        return otherAddress(buf, start, end);
    }

    /** An address that is not a plain dotted quad: IPv6, mapped forms, or bad. Out of line: the rare path. */
    private String otherAddress(byte[] buf, int start, int end) {
        position = scanText(buf, start, end);
        String address = scannedPlain ? IpAddresses.canonical(buf, start, position) : null;
        failedToken = address == null;
        return address;
    }

    /**
     * The String of the IPv4 text {@code buf[start, stop)} of field {@code index}: the one an earlier address field
     * of this line with the same bytes holds in {@code record}, else a new one (remembered by position for the
     * fields after it). Only positions are remembered, not the Strings: a young String stored into this long-lived
     * parser would cost a G1 write barrier with a memory fence, twice a line.
     */
    private String lineAddress(FlowRecord record, int index, byte[] buf, int start, int stop) {
        int length = stop - start;
        for (int i = 0; i < lineAddressCount; i++) {
            int from = lineAddressStarts[i];
            if (lineAddressEnds[i] - from == length && sameBytes(buf, from, start, length)) {
                return address(record, fields[lineAddressFields[i]]);
            }
        }
        if (lineAddressCount < lineAddressFields.length) {
            lineAddressStarts[lineAddressCount] = start;
            lineAddressEnds[lineAddressCount] = stop;
            lineAddressFields[lineAddressCount++] = index;
        }
        return Swar.latin1String(buf, start, length);
    }

    /** Whether {@code buf[a, a + length)} and {@code buf[b, b + length)} are the same bytes. */
    private static boolean sameBytes(byte[] buf, int a, int b, int length) {
        if (length >= 8 && length <= 16) {
            // two words, overlapping in the middle: a dotted quad is 7 to 15 bytes
            int last = length - 8;
            return (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, a) == (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, b)
                    && (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, a + last)
                            == (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, b + last);
        }
        return Arrays.equals(buf, a, a + length, buf, b, b + length);
    }

    /** The value of an address field of {@code record}. */
    private static String address(FlowRecord record, FlowLogField field) {
        switch (field) {
            case SRCADDR: return record.srcAddr;
            case DSTADDR: return record.dstAddr;
            case PKT_SRCADDR: return record.pktSrcAddr;
            case PKT_DSTADDR: return record.pktDstAddr;
            default: throw new AssertionError(field);
        }
    }

    /**
     * Where the token at {@code p} ends if it is a valid IPv4 dotted quad ({@link IpAddresses#isIpv4}: four parts
     * of 0-255, 1-3 digits, no leading zero) followed by a separator or the line's end; -1 for anything else, which
     * then takes the general path (IPv6, mapped forms, errors).
     */
    private static int ipv4End(byte[] buf, int p, int end) {
        return buf.length - p >= 18 ? ipv4EndInWords(buf, p, end) : ipv4EndByBytes(buf, p, end);
    }

    /**
     * {@link #ipv4End} from two 8-byte words: digits and dots classified for 16 bytes at once, the token's end and
     * its dots found from bit masks, and the four parts checked without a branch per byte (the byte loop's exits,
     * after one to three digits, are what the CPU mispredicts). Needs 18 readable bytes from {@code p}.
     */
    private static int ipv4EndInWords(byte[] buf, int p, int end) {
        long low = (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, p);
        long high = (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, p + 8);
        int digits = digitBits(low) | digitBits(high) << 8;
        int dots = dotBits(low) | dotBits(high) << 8;
        int length = Integer.numberOfTrailingZeros(~(digits | dots)); // 16 if all 16 bytes are digits or dots
        if (length >= end - p) {
            length = end - p; // the line ends at or inside it: the token too
        } else if (!isSeparator(buf[p + length])) {
            return -1; // another byte follows (a colon, a letter): not a plain dotted quad
        }
        if (length > 15) {
            return -1;
        }
        dots &= (1 << length) - 1;
        if (Integer.bitCount(dots) != 3) {
            return -1;
        }
        int first = Integer.numberOfTrailingZeros(dots);
        int second = Integer.numberOfTrailingZeros(dots & (dots - 1));
        int third = 31 - Integer.numberOfLeadingZeros(dots);
        boolean valid = isOctet(buf, p, first) & isOctet(buf, p + first + 1, second - first - 1)
                & isOctet(buf, p + second + 1, third - second - 1) & isOctet(buf, p + third + 1, length - third - 1);
        return valid ? p + length : -1;
    }

    /** Whether the {@code length} digits at {@code p} are 0-255 without a leading zero; reads 3 bytes whatever. */
    private static boolean isOctet(byte[] buf, int p, int length) {
        int d0 = buf[p] - '0';
        int d1 = buf[p + 1] - '0';
        int d2 = buf[p + 2] - '0';
        int value = length == 1 ? d0 : length == 2 ? d0 * 10 + d1 : d0 * 100 + d1 * 10 + d2;
        return (length >= 1) & (length <= 3) & (length == 1 | d0 != 0) & (value <= 255);
    }

    /** One bit per byte of {@code word} (bit i for byte i) that is an ASCII digit. */
    private static int digitBits(long word) {
        long chunk = word ^ 0x3030303030303030L; // digit bytes become 0-9
        long nonDigits = (((chunk & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L) | chunk) & 0x8080808080808080L;
        return highBits(~nonDigits & 0x8080808080808080L);
    }

    /** One bit per byte of {@code word} that is a dot. */
    private static int dotBits(long word) {
        long x = word ^ 0x2E2E2E2E2E2E2E2EL; // dots become 0
        long nonZero = (((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x) & 0x8080808080808080L;
        return highBits(~nonZero & 0x8080808080808080L);
    }

    /** The high bit of each byte of {@code mask} (no other bits set), gathered into bits 0-7. */
    private static int highBits(long mask) {
        return (int) (((mask >>> 7) * 0x0102040810204080L) >>> 56);
    }

    /** {@link #ipv4End} byte by byte, near the buffer's end. */
    private static int ipv4EndByBytes(byte[] buf, int p, int end) {
        for (int part = 0; ; part++) {
            int value = 0;
            int digits = 0;
            while (p < end) {
                int digit = buf[p] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                if (digits == 1 && value == 0) {
                    return -1; // a leading zero
                }
                value = value * 10 + digit;
                digits++;
                p++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
            if (part == 3) {
                return p == end || isSeparator(buf[p]) ? p : -1;
            }
            if (p == end || buf[p] != '.') {
                return -1;
            }
            p++;
        }
    }

    private String textToken(byte[] buf, int end) {
        int start = position;
        position = scanText(buf, start, end);
        String text = scannedPlain ? strings.get(buf, start, position, (int) scannedValue, tokenWords)
                : decode(buf, start, position);
        failedToken = text == null;
        return text;
    }

    private String actionToken(byte[] buf, int end) {
        int start = position;
        position = tokenEnd(buf, start, end);
        String action = matches(buf, start, position, FlowRecords.ACCEPT) ? FlowRecords.ACCEPT
                : matches(buf, start, position, FlowRecords.REJECT) ? FlowRecords.REJECT : null;
        failedToken = action == null;
        return action;
    }

    private String logStatusToken(byte[] buf, int end) {
        int start = position;
        position = tokenEnd(buf, start, end);
        String status = matches(buf, start, position, FlowRecords.OK) ? FlowRecords.OK
                : matches(buf, start, position, FlowRecords.NODATA) ? FlowRecords.NODATA
                : matches(buf, start, position, FlowRecords.SKIPDATA) ? FlowRecords.SKIPDATA : null;
        failedToken = status == null;
        return status;
    }

    /**
     * Reads the decimal digits starting at {@code p} into {@link #scannedValue} (modulo 2^64) and returns the
     * position after them. Eight bytes at a time (SWAR: find the digits with bit masks, combine them with three
     * multiplications), since most of a flow-log line is digits.
     */
    private int scanDigits(byte[] buf, int p, int end) {
        long value = 0;
        while (end - p >= 8) {
            long chunk = (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, p) ^ 0x3030303030303030L; // digit bytes become 0-9
            long nonDigits = (((chunk & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L) | chunk) & 0x8080808080808080L;
            int n = nonDigits == 0 ? 8 : Long.numberOfTrailingZeros(nonDigits) >>> 3;
            if (n > 0) {
                value = value * POWERS_OF_TEN[n] + eightDigits(chunk << (8 * (8 - n)));
                p += n;
            }
            if (n < 8) {
                scannedValue = value;
                return p;
            }
        }
        for (; p < end; p++) {
            int digit = buf[p] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
        }
        scannedValue = value;
        return p;
    }

    /**
     * Finds the end of a text token starting at {@code p}, eight bytes at a time, hashing it on the way into
     * {@link #scannedValue}, keeping its 8-byte little-endian words (the last one zero-padded) in
     * {@link #tokenWords} for the string cache's comparison, and noting in {@link #scannedPlain} whether it is all
     * printable ASCII. The hash folds those same words, whichever path reads them.
     */
    private int scanText(byte[] buf, int p, int end) {
        long hash = 0;
        boolean plain = true;
        long[] words = tokenWords;
        int word = 0;
        // reads whole words while the buffer has them, also past the line's end (bytes there are never part of the
        // token: it is cut at `end`), so that short and last tokens take this path too
        while (buf.length - p >= 8) {
            long chunk = (long) Swar.LITTLE_ENDIAN_LONGS.get(buf, p);
            // high bit of each byte below 0x21 (separators, control) or above 0x7e (DEL, non-ASCII); exact for the
            // lowest such byte, which is the only one used
            long special = ((chunk - 0x2121212121212121L) & ~chunk
                    | (chunk + 0x0101010101010101L) | chunk) & 0x8080808080808080L;
            int left = end - p;
            if (special == 0 && left > 8) {
                words = wordAt(words, word, chunk);
                word++;
                hash = mix(hash, chunk);
                p += 8;
                continue;
            }
            int n = special == 0 ? 8 : Long.numberOfTrailingZeros(special) >>> 3;
            if (n >= left) {
                n = left;
            } else {
                int stop = buf[p + n];
                if (stop != ' ' && stop != '\t' && stop != '\r') {
                    break; // a control or non-ASCII byte: finish byte by byte
                }
            }
            if (n > 0) {
                long last = chunk & (-1L >>> (64 - 8 * n));
                words = wordAt(words, word, last);
                hash = mix(hash, last);
            }
            scannedValue = hash ^ (hash >>> 32);
            scannedPlain = plain;
            return p + n;
        }
        return scanTextBytes(buf, p, end, hash, word, plain);
    }

    /**
     * The rest of {@link #scanText} byte by byte, from {@code p} (a word boundary of the token) with the token's
     * hash and word count so far: for a control or non-ASCII byte, and the buffer's last bytes. Its own method so
     * that the word loop stays small enough to inline.
     */
    private int scanTextBytes(byte[] buf, int p, int end, long hash, int word, boolean plain) {
        long[] words = tokenWords;
        long chunk = 0;
        int shift = 0;
        for (; p < end; p++) {
            int b = buf[p];
            if (b == ' ' || b == '\t' || b == '\r') {
                break;
            }
            plain &= b > ' ' && b < 0x7f;
            chunk |= (b & 0xffL) << shift;
            shift += 8;
            if (shift == 64) {
                words = wordAt(words, word, chunk);
                word++;
                hash = mix(hash, chunk);
                chunk = 0;
                shift = 0;
            }
        }
        if (shift != 0) {
            words = wordAt(words, word, chunk);
            hash = mix(hash, chunk);
        }
        scannedValue = hash ^ (hash >>> 32);
        scannedPlain = plain;
        return p;
    }

    /** Stores {@code value} as the token's word {@code index}, growing the array for a longer token than any yet. */
    private long[] wordAt(long[] words, int index, long value) {
        if (index == words.length) {
            words = Arrays.copyOf(words, 2 * words.length);
            tokenWords = words;
        }
        words[index] = value;
        return words;
    }

    private static long mix(long hash, long chunk) {
        return (hash ^ chunk) * 0x9E3779B97F4A7C15L;
    }

    /** The number written by eight digit values, one per byte, the most significant in the lowest byte. */
    private static long eightDigits(long chunk) {
        chunk = chunk * 10 + (chunk >>> 8);
        return (((chunk & 0x000000FF000000FFL) * 0x000F424000000064L)
                + (((chunk >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
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

    /** Text with bytes outside printable ASCII: valid UTF-8 without control characters, else {@code null}. */
    private String decode(byte[] buf, int start, int end) {
        if (firstControlCharacter(buf, start, end) >= 0) {
            return null;
        }
        try {
            return utf8.decode(ByteBuffer.wrap(buf, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Why the line is not UTF-8 text, or {@code null}: the first control byte (other than tab and CR) or invalid
     * UTF-8 sequence, with its position and field. Runs only for lines that failed.
     */
    private MalformedRecordException notText(byte[] buf, int offset, int end) {
        int control = firstControlCharacter(buf, offset, end);
        int limit = control >= 0 ? control : end;
        int invalid = -1;
        utf8.reset();
        ByteBuffer in = ByteBuffer.wrap(buf, offset, limit - offset);
        if (utf8.decode(in, CharBuffer.allocate(limit - offset), true).isError()) {
            invalid = in.position();
        }
        int at = invalid >= 0 ? invalid : control;
        if (at < 0) {
            return null;
        }
        String what;
        if (at == invalid) {
            what = "invalid UTF-8 (byte 0x" + Integer.toHexString(buf[at] & 0xff) + ")";
        } else if (buf[at] == 0) {
            what = looksLikeUtf16(buf, offset, end) ? "NUL byte: UTF-16 text or binary data, not UTF-8" : "NUL byte";
        } else {
            what = "control character 0x" + Integer.toHexString(buf[at]);
        }
        return new MalformedRecordException(DeadLetterReason.BAD_ENCODING,
                "not text: " + what + " at byte " + (at - offset + 1) + " (" + fieldAt(buf, offset, at) + ")");
    }

    /** Which field the byte at {@code at} is in, for messages. */
    private String fieldAt(byte[] buf, int offset, int at) {
        int field = -1;
        boolean inToken = false;
        for (int i = offset; i <= at; i++) {
            boolean separator = isSeparator(buf[i]);
            if (!separator && !inToken) {
                field++;
            }
            inToken = !separator;
        }
        if (field < 0) {
            return "before the first field";
        }
        return field < fields.length ? "in " + fields[field].awsName() : "after the last field";
    }

    /** Every other byte of the line's start is NUL: ASCII text written as UTF-16. */
    private static boolean looksLikeUtf16(byte[] buf, int offset, int end) {
        int n = Math.min(end - offset, 32) & ~1;
        int even = 0;
        int odd = 0;
        for (int i = 0; i < n; i++) {
            if (buf[offset + i] == 0) {
                if ((i & 1) == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        return n >= 4 && (even == n / 2 && odd == 0 || odd == n / 2 && even == 0);
    }

    /** The first byte below 0x20 or DEL, except the separators tab and CR; -1 if none. */
    private static int firstControlCharacter(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] >= 0 && (buf[i] < 0x20 && buf[i] != '\t' && buf[i] != '\r' || buf[i] == 0x7f)) {
                return i;
            }
        }
        return -1;
    }

    /** Why a token that {@link #store} refused is invalid; runs only for bad input. */
    private static MalformedRecordException explain(FlowLogField field, byte[] buf, int start, int end) {
        String token = quote(buf, start, end);
        switch (field.type()) {
            case INT:
            case LONG:
            case TIMESTAMP:
                for (int i = start; i < end; i++) {
                    if (buf[i] < '0' || buf[i] > '9') {
                        return new MalformedRecordException(DeadLetterReason.BAD_NUMBER,
                                "bad number in " + field.awsName() + ": " + token);
                    }
                }
                return new MalformedRecordException(DeadLetterReason.BAD_NUMBER, field.awsName() + " out of range ["
                        + field.min() + ", " + field.max() + "]: " + token);
            case IP:
                return new MalformedRecordException(DeadLetterReason.BAD_IP, IpAddresses.hasLeadingZeroOctet(buf,
                        start, end) ? "leading zero in an IPv4 octet of " + field.awsName() + " (octal to some"
                                + " parsers, never written by AWS): " + token
                        : "bad IP address in " + field.awsName() + ": " + token);
            case ACTION:
                return new MalformedRecordException(DeadLetterReason.BAD_VALUE,
                        "action must be ACCEPT, REJECT or -: " + token);
            case LOG_STATUS:
                return new MalformedRecordException(DeadLetterReason.BAD_VALUE,
                        "log-status must be OK, NODATA, SKIPDATA or -: " + token);
            case STRING:
                int control = firstControlCharacter(buf, start, end);
                return new MalformedRecordException(DeadLetterReason.BAD_ENCODING, control >= 0
                        ? "control character 0x" + Integer.toHexString(buf[control]) + " in " + field.awsName()
                        : "invalid UTF-8 in " + field.awsName());
            default:
                throw new AssertionError(field.type());
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
