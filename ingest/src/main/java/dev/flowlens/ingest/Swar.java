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

    /** Whether {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same bytes. */
    static boolean equals(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        int i = 0;
        for (; length - i >= 8; i += 8) {
            if ((long) LITTLE_ENDIAN_LONGS.get(a, aFrom + i) != (long) LITTLE_ENDIAN_LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }
}
