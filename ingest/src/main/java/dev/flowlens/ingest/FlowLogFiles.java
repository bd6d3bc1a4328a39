package dev.flowlens.ingest;

import dev.flowlens.schemas.Origin;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Reads a flow-log file or stream of any kind AWS delivers, detected from its first bytes: Parquet ({@code PAR1}),
 * a CloudWatch Logs subscription payload (gzip or plain JSON with a {@code messageType}), or text (plain or gzip,
 * with or without a header line).
 */
public final class FlowLogFiles {
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private final FlowLogFormat configuredFormat;
    private final ReaderLimits limits;

    public FlowLogFiles(FlowLogFormat configuredFormat, ReaderLimits limits) {
        this.configuredFormat = configuredFormat;
        this.limits = limits;
    }

    public ReadStats read(Path file, RecordConsumer out) throws IOException {
        Origin origin = Origin.of(file.toString());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] head = peek(in, 4096);
            if (startsWith(head, PARQUET_MAGIC)) {
                return new ParquetFlowLogReader().read(file, origin, out);
            }
            return readStream(in, head, origin, out);
        }
    }

    /** Reads a stream (stdin); a Parquet stream is spooled to a temporary file since Parquet needs random access. */
    public ReadStats read(InputStream stream, String name, RecordConsumer out) throws IOException {
        Origin origin = Origin.of(name);
        InputStream in = new BufferedInputStream(stream, 64 * 1024);
        byte[] head = peek(in, 4096);
        if (startsWith(head, PARQUET_MAGIC)) {
            Path spool = Files.createTempFile("flowlens-", ".parquet");
            try {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
                return new ParquetFlowLogReader().read(spool, origin, out);
            } finally {
                Files.deleteIfExists(spool);
            }
        }
        return readStream(in, head, origin, out);
    }

    private ReadStats readStream(InputStream in, byte[] head, Origin origin, RecordConsumer out) throws IOException {
        if (isCloudWatchPayload(head)) {
            byte[] payload = in.readNBytes(64 << 20);
            return new CloudWatchLogsReader(configuredFormat, limits).read(payload, origin, out);
        }
        return new TextFlowLogReader(configuredFormat, limits).read(in, origin, out);
    }

    /**
     * A subscription payload is JSON; a gzip stream is one if its first decompressed bytes (after a byte-order mark
     * and white space) open an object. Only the peeked head is inflated, so a hostile stream cannot make this
     * read far or lose the stream's mark.
     */
    private static boolean isCloudWatchPayload(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            byte[] start;
            try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(head), 512)) {
                start = gzip.readNBytes(256);
            } catch (IOException e) {
                return false; // a head too short to say, or broken gzip: the text reader reports it with its reason
            }
            return CloudWatchLogsReader.looksLikeJsonObject(start);
        }
        return CloudWatchLogsReader.looksLikePayload(head);
    }

    private static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
