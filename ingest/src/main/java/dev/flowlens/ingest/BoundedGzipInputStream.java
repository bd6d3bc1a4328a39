package dev.flowlens.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream (multi-member, as AWS concatenates them) that hands out at most
 * {@link ReaderLimits#maxDecompressedBytes()} bytes, then stops with a {@link DecompressionLimitException} if the
 * stream has more. Every byte within the bound reaches the reader, so what was read before the stop is exact.
 */
final class BoundedGzipInputStream extends FilterInputStream {
    private final CountingInputStream compressed;
    private final long bound;
    private long produced;

    private BoundedGzipInputStream(InputStream gzip, CountingInputStream compressed, long bound) {
        super(gzip);
        this.compressed = compressed;
        this.bound = bound;
    }

    static BoundedGzipInputStream open(InputStream raw, long maxDecompressedBytes) throws IOException {
        CountingInputStream counting = new CountingInputStream(raw);
        return new BoundedGzipInputStream(new GZIPInputStream(counting, 64 * 1024), counting, maxDecompressedBytes);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (produced >= bound) {
            // one more byte tells an object that ends exactly at the bound from one that goes on
            if (super.read(new byte[1], 0, 1) < 0) {
                return -1;
            }
            throw new DecompressionLimitException(bound, produced, compressed.count);
        }
        int n = super.read(b, off, (int) Math.min(len, bound - produced));
        if (n > 0) {
            produced += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // through read, so skipped bytes count against the bound too
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
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
