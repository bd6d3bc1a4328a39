package dev.flowlens.ingest;

import java.util.Arrays;

/**
 * Reuses the String of a recently seen ASCII token instead of allocating a new one. Flow logs repeat a few values
 * endlessly (account, VPC, subnet, ENI ids, the VPC's own addresses), so most lookups hit. Direct-mapped and
 * fixed-size: a miss just replaces the slot, memory stays bounded. One per parser; not thread-safe.
 *
 * <p>A slot keeps its token as 8-byte words (the last zero-padded), the form the parser's scan already holds, so a
 * hit is a length check and one comparison per word, with no second pass over the bytes.
 */
final class AsciiStringCache {
    private final long[][] keys;
    private final int[] lengths;
    private final String[] values;
    private final int mask;

    AsciiStringCache(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
        }
        this.keys = new long[sizePowerOfTwo][];
        this.lengths = new int[sizePowerOfTwo];
        this.values = new String[sizePowerOfTwo];
        this.mask = sizePowerOfTwo - 1;
    }

    /**
     * The String of the ASCII bytes {@code buf[start, end)}, whose little-endian 8-byte words (the last zero-padded)
     * are {@code words[0, (end - start + 7) / 8)}; {@code hash} is any hash of them, always the same function.
     */
    String get(byte[] buf, int start, int end, int hash, long[] words) {
        int slot = hash & mask;
        int length = end - start;
        long[] key = keys[slot];
        if (key != null && lengths[slot] == length && sameWords(key, words)) {
            return values[slot];
        }
        keys[slot] = Arrays.copyOf(words, (length + 7) >>> 3);
        lengths[slot] = length;
        String value = Swar.latin1String(buf, start, length);
        values[slot] = value;
        return value;
    }

    /** Whether {@code words} starts with {@code key}'s words (a key of the same byte length has as many). */
    private static boolean sameWords(long[] key, long[] words) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != words[i]) {
                return false;
            }
        }
        return true;
    }
}
