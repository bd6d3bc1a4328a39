package dev.flowlens.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reuses the String of a recently seen ASCII token instead of allocating a new one. Flow logs repeat a few values
 * endlessly (account, VPC, subnet, ENI ids, the VPC's own addresses), so most lookups hit. Direct-mapped and
 * fixed-size: a miss just replaces the slot, memory stays bounded. One per parser; not thread-safe.
 */
final class AsciiStringCache {
    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    AsciiStringCache(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
        }
        this.keys = new byte[sizePowerOfTwo][];
        this.values = new String[sizePowerOfTwo];
        this.mask = sizePowerOfTwo - 1;
    }

    /** The String of the ASCII bytes {@code buf[start, end)}; {@code hash} is any hash of them, always the same function. */
    String get(byte[] buf, int start, int end, int hash) {
        int slot = hash & mask;
        byte[] key = keys[slot];
        if (key != null && key.length == end - start && Swar.equals(key, 0, buf, start, key.length)) {
            return values[slot];
        }
        keys[slot] = Arrays.copyOfRange(buf, start, end);
        String value = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
        values[slot] = value;
        return value;
    }
}
