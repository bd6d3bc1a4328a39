package dev.flowlens.ingest;

/**
 * Bounds that keep hostile input from exhausting memory or time.
 *
 * <p>Memory is bounded by what a reader holds, not by how well its input compresses: text is read line by line and
 * at most {@code maxLineBytes} of a line are buffered, so any object, however repetitive or however large it
 * inflates to, is read in the same few hundred KiB. (A compression-ratio bound would stop real objects: the same
 * NODATA line of a quiet interface, repeated, compresses about 300:1.)
 *
 * @param maxLineBytes longest line kept; a longer one becomes a {@code LINE_TOO_LONG} dead letter and is skipped
 *     without being buffered
 * @param maxDecompressedBytes most bytes one compressed object may expand to, which bounds the time a gzip bomb can
 *     take; where it stops reading, one {@code DECOMPRESSION_LIMIT} dead letter says how far reading got and that
 *     the rest was not read. The default, 32 GiB, is far above any real object: AWS caps a flow-log object at
 *     75 MB, which even at the ~300:1 of identical lines inflates to about 22 GB
 */
public record ReaderLimits(int maxLineBytes, long maxDecompressedBytes) {

    public static final ReaderLimits DEFAULT = new ReaderLimits(64 * 1024, 32L << 30);

    public ReaderLimits {
        if (maxLineBytes < 64 || maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("reader limits must be positive (maxLineBytes at least 64)");
        }
    }

    /** These limits with another line bound. */
    public ReaderLimits withMaxLineBytes(int bytes) {
        return new ReaderLimits(bytes, maxDecompressedBytes);
    }

    /** These limits with another decompressed-size bound. */
    public ReaderLimits withMaxDecompressedBytes(long bytes) {
        return new ReaderLimits(maxLineBytes, bytes);
    }
}
