package dev.flowlens.ingest;

import java.io.IOException;

/** Decompression reached {@link ReaderLimits#maxDecompressedBytes()}: the rest of the object is not read. */
final class DecompressionLimitException extends IOException {
    private final long decompressedBytes;
    private final long compressedBytes;

    DecompressionLimitException(long bound, long decompressedBytes, long compressedBytes) {
        super("decompressed size reached the bound of " + bound + " bytes");
        this.decompressedBytes = decompressedBytes;
        this.compressedBytes = compressedBytes;
    }

    /** Decompressed bytes handed to the reader before the bound stopped it. */
    long decompressedBytes() {
        return decompressedBytes;
    }

    /** Compressed bytes consumed by then (the inflater reads ahead, so the unread rest starts about here). */
    long compressedBytes() {
        return compressedBytes;
    }
}
