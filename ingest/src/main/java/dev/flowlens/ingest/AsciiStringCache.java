package dev.flowlens.ingest;

import java.util.Arrays;

/**
 * Reuses the String of a recently seen ASCII token instead of allocating a new one. Flow logs repeat a few values
 * endlessly (account, VPC, subnet, ENI ids, the VPC's own addresses), so most lookups hit. Two-way set-associative
 * and fixed-size: a miss replaces one of its set's two entries (round robin), memory stays bounded. One per
 * parser; not thread-safe.
 *
 * <p>An entry keeps its token as 8-byte words (the last zero-padded), the form the parser's scan already holds, so a
 * hit is one comparison per word with no second pass over the bytes. The words of a token of up to
 * {@value #INLINE_BYTES} bytes sit in one flat array beside the entry's length and hash, so that a hit reads one or
 * two cache lines instead of chasing a key object. Two ways because with one, two frequent tokens of the same
 * slot (a few hundred ENIs and task ids are enough to have some) evict each other on every other line, and each
 * miss allocates and stores into this long-lived cache (G1 barriers with a fence).
 */
final class AsciiStringCache {
    /** Longs per entry in {@link #table}: the length and hash, then up to 7 words. */
    private static final int STRIDE = 8;
    static final int INLINE_BYTES = 8 * (STRIDE - 1);

    /** Per entry: {@code hash << 32 | length} (0 when empty: no token is empty), then the words. */
    private final long[] table;
    /** The words of an entry's token longer than {@link #INLINE_BYTES}, else null. */
    private final long[][] longKeys;
    private final String[] values;
    /** Per set, the way the next miss replaces: a byte, so that choosing it stores no reference. */
    private final byte[] nextVictim;
    private final int setMask;

    /** A cache of {@code sets} × 2 entries. */
    AsciiStringCache(int sets) {
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("sets must be a power of two: " + sets);
        }
        this.table = new long[2 * sets * STRIDE];
        this.longKeys = new long[2 * sets][];
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
        long meta = (long) hash << 32 | length;
        int count = (length + 7) >>> 3;
        if (matches(slot, meta, length, words, count)) {
            return values[slot];
        }
        if (matches(slot + 1, meta, length, words, count)) {
            return values[slot + 1];
        }
        int victim = slot + nextVictim[set];
        nextVictim[set] ^= 1;
        int base = victim * STRIDE;
        table[base] = meta;
        if (length <= INLINE_BYTES) {
            System.arraycopy(words, 0, table, base + 1, count);
            if (longKeys[victim] != null) {
                longKeys[victim] = null;
            }
        } else {
            longKeys[victim] = Arrays.copyOf(words, count);
        }
        String value = Swar.latin1String(buf, start, length);
        values[victim] = value;
        return value;
    }

    /** Whether entry {@code slot} holds the token of that length and hash whose {@code count} words are these. */
    private boolean matches(int slot, long meta, int length, long[] words, int count) {
        int base = slot * STRIDE;
        if (table[base] != meta) {
            return false;
        }
        if (length > INLINE_BYTES) {
            return Arrays.equals(longKeys[slot], 0, count, words, 0, count);
        }
        for (int i = 0; i < count; i++) {
            if (table[base + 1 + i] != words[i]) {
                return false;
            }
        }
        return true;
    }
}
