package dev.flowlens.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream (multi-member, as AWS concatenates them) that stops with a {@link DecompressionLimitException} when
 * the output passes the absolute bound or the compression-ratio bound of {@link ReaderLimits}.
 */
final class BoundedGzipInputStream extends FilterInputStream {
    private final CountingInputStream compressed;
    private final ReaderLimits limits;
    private long produced;

    private BoundedGzipInputStream(InputStream gzip, CountingInputStream compressed, ReaderLimits limits) {
        super(gzip);
        this.compressed = compressed;
        this.limits = limits;
    }

    static BoundedGzipInputStream open(InputStream raw, ReaderLimits limits) throws IOException {
        CountingInputStream counting = new CountingInputStream(raw);
        return new BoundedGzipInputStream(new GZIPInputStream(counting, 64 * 1024), counting, limits);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            produced += n;
            check();
        }
        return n;
    }

    private void check() throws DecompressionLimitException {
        if (produced > limits.maxDecompressedBytes()) {
            throw new DecompressionLimitException("decompressed size passed " + limits.maxDecompressedBytes()
                    + " bytes");
        }
        if (produced >= limits.ratioCheckAfterBytes()
                && produced > (double) limits.maxCompressionRatio() * Math.max(1, compressed.count)) {
            throw new DecompressionLimitException("compression ratio passed " + limits.maxCompressionRatio()
                    + ":1 (" + produced + " bytes from " + compressed.count + ")");
        }
    }

    /** Counts the bytes the inflater pulls from the compressed stream. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
