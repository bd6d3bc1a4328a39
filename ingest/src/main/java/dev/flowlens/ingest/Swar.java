package dev.flowlens.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-array scans eight bytes at a time ("SIMD within a register"), for the parser's hot paths. */
public final class Swar {
    static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Swar() {}

    /** The first index of {@code b} in {@code buf[from, to)}, or -1. */
    public static int indexOf(byte[] buf, int from, int to, byte b) {
        long pattern = ONES * (b & 0xff);
        int i = from;
        for (; to - i >= 8; i += 8) {
            long x = (long) LITTLE_ENDIAN_LONGS.get(buf, i) ^ pattern;
            long zeros = (x - ONES) & ~x & HIGHS; // exact for the lowest zero byte
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The String of the bytes {@code buf[from, from + length)} taken as ISO-8859-1 (ASCII tokens). The deprecated
     * high-byte constructor with 0 is exactly that, and a small method the JIT inlines, where the one taking a
     * Charset is too big to inline and dispatches on the charset at run time.
     */
    @SuppressWarnings("deprecation")
    static String latin1String(byte[] buf, int from, int length) {
        return new String(buf, 0, from, length);
    }
}
