package dev.flowlens.ingest;

/**
 * The UTF-8 byte-order mark ({@code EF BB BF}) that some editors and tools write before the first line. It marks the
 * encoding and is not data, so readers skip it wherever a line or a JSON document starts; kept, it would hide an S3
 * object's header line and the rows would be read under the wrong field order.
 */
public final class ByteOrderMark {
    private ByteOrderMark() {}

    /** 3 if {@code buf[from, end)} starts with a UTF-8 byte-order mark, else 0. */
    public static int length(byte[] buf, int from, int end) {
        return end - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
                && buf[from + 2] == (byte) 0xBF ? 3 : 0;
    }
}
