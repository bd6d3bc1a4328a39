package dev.flowlens.ingest;

/**
 * Bounds that keep hostile input from exhausting memory or time.
 *
 * @param maxLineBytes longest line kept; a longer one becomes a {@code LINE_TOO_LONG} dead letter and is skipped
 *     without being buffered
 * @param maxDecompressedBytes most bytes one compressed object may expand to
 * @param maxCompressionRatio most decompressed bytes per compressed byte, checked once
 *     {@code ratioCheckAfterBytes} have been produced (real flow logs compress about 10:1; a gzip bomb about 1000:1)
 * @param ratioCheckAfterBytes decompressed bytes before the ratio is enforced, so small objects are never flagged
 */
public record ReaderLimits(int maxLineBytes, long maxDecompressedBytes, int maxCompressionRatio,
        long ratioCheckAfterBytes) {

    public static final ReaderLimits DEFAULT = new ReaderLimits(64 * 1024, 4L << 30, 200, 8L << 20);

    public ReaderLimits {
        if (maxLineBytes < 64 || maxDecompressedBytes < 1 || maxCompressionRatio < 1 || ratioCheckAfterBytes < 0) {
            throw new IllegalArgumentException("reader limits must be positive (maxLineBytes at least 64)");
        }
    }
}
