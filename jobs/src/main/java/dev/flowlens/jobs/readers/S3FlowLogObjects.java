package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.ingest.s3.InvalidNotificationException;
import dev.flowlens.ingest.s3.S3EventNotifications;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads flow-log objects from S3 with the header-aware readers (gzip text, Parquet, CloudWatch payloads; the kind is
 * detected). An object that cannot be fetched, or breaks off mid-read, is a dead letter naming it.
 */
public final class S3FlowLogObjects implements AutoCloseable {
    private final S3Client s3;
    private final FlowLogFiles files;
    private final S3EventNotifications notifications = new S3EventNotifications();

    public S3FlowLogObjects(S3Client s3, FlowLogFormat configuredFormat) {
        this.s3 = s3;
        this.files = new FlowLogFiles(configuredFormat, ReaderLimits.DEFAULT);
    }

    /**
     * Reads every object an S3 event notification announces; a notification that names none properly is a dead
     * letter ({@code BAD_NOTIFICATION}) with its text and {@code origin}.
     */
    public void readAnnounced(byte[] notification, Origin origin, RecordConsumer out) {
        List<S3ObjectRef> objects;
        try {
            objects = notifications.createdObjects(notification);
        } catch (InvalidNotificationException e) {
            out.deadLetter(DeadLetter.of(new String(notification, StandardCharsets.UTF_8), origin,
                    DeadLetterReason.BAD_NOTIFICATION, e.getMessage()));
            return;
        }
        for (S3ObjectRef object : objects) {
            read(object, out);
        }
    }

    public void read(S3ObjectRef object, RecordConsumer out) {
        // The announced version, when there is one: a replay reads the same bytes even if the key was written since.
        try (InputStream in = s3.getObject(b -> b.bucket(object.bucket).key(object.key).versionId(object.versionId))) {
            files.read(in, object.uri(), out);
        } catch (SdkException | IOException e) {
            out.deadLetter(DeadLetter.of("", Origin.of(object.uri()), DeadLetterReason.READ_ERROR,
                    "cannot read S3 object: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
