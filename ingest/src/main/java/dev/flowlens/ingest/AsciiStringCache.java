package dev.flowlens.ingest;

import java.util.Arrays;

/**
 * Reuses the String of a recently seen ASCII token instead of allocating a new one. Flow logs repeat a few values
 * endlessly (account, VPC, subnet, ENI ids, the VPC's own addresses), so most lookups hit. Two-way set-associative
 * and fixed-size: a miss replaces one of its set's two entries (round robin), memory stays bounded. One per
 * parser; not thread-safe.
 *
 * <p>An entry keeps its token as 8-byte words (the last zero-padded), the form the parser's scan already holds, so a
 * hit is a length check and one comparison per word, with no second pass over the bytes. Two ways because with one,
 * two frequent tokens of the same slot (a few hundred ENIs and task ids are enough to have some) evict each other
 * on every other line, and each miss allocates and stores into this long-lived cache (G1 barriers with a fence).
 */
final class AsciiStringCache {
    private final long[][] keys;
    private final int[] lengths;
    private final String[] values;
    /** Per set, the way the next miss replaces: a byte, so that choosing it stores no reference. */
    private final byte[] nextVictim;
    private final int setMask;

    /** A cache of {@code sets} × 2 entries. */
    AsciiStringCache(int sets) {
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("sets must be a power of two: " + sets);
        }
        this.keys = new long[2 * sets][];
        this.lengths = new int[2 * sets];
        this.values = new String[2 * sets];
        this.nextVictim = new byte[sets];
        this.setMask = sets - 1;
    }

    /**
     * The String of the ASCII bytes {@code buf[start, end)}, whose little-endian 8-byte words (the last zero-padded)
     * are {@code words[0, (end - start + 7) / 8)}; {@code hash} is any hash of them, always the same function.
     */
    String get(byte[] buf, int start, int end, int hash, long[] words) {
        int set = hash & setMask;
        int slot = set << 1;
        int length = end - start;
        if (matches(slot, length, words)) {
            return values[slot];
        }
        if (matches(slot + 1, length, words)) {
            return values[slot + 1];
        }
        int victim = slot + nextVictim[set];
        nextVictim[set] ^= 1;
        keys[victim] = Arrays.copyOf(words, (length + 7) >>> 3);
        lengths[victim] = length;
        String value = Swar.latin1String(buf, start, length);
        values[victim] = value;
        return value;
    }

    /** Whether entry {@code slot} holds the token of {@code length} bytes whose words start {@code words}. */
    private boolean matches(int slot, int length, long[] words) {
        long[] key = keys[slot];
        if (key == null || lengths[slot] != length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != words[i]) {
                return false;
            }
        }
        return true;
    }
}
