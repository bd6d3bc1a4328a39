package dev.flowlens.ingest;

import java.io.IOException;

/** Decompression passed a {@link ReaderLimits} bound: the object is treated as a gzip bomb. */
final class DecompressionLimitException extends IOException {
    DecompressionLimitException(String message) {
        super(message);
    }
}
