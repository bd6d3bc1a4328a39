package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.peer.ThreatListSource;
import dev.flowlens.jobs.kit.AwsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Threat lists from local files or {@code s3://bucket/key} objects. An object's version is its ETag: a HEAD tells
 * whether it changed, a GET reads it only then. The S3 client is made on the first {@code s3://} location and
 * closed with this.
 */
public final class ThreatListLocations implements ThreatListSource, AutoCloseable {
    private static final String S3 = "s3://";

    private final ThreatListSource files = ThreatListSource.files();
    private final AwsSettings aws;
    private S3Client s3;

    /** @param aws how to reach S3; {@code null} when no location is on S3 */
    public ThreatListLocations(AwsSettings aws) {
        this.aws = aws;
    }

    @Override
    public Content load(String location, String knownVersion) throws IOException {
        if (!location.startsWith(S3)) {
            return files.load(location, knownVersion);
        }
        int slash = location.indexOf('/', S3.length());
        if (slash < 0 || slash == location.length() - 1) {
            throw new IOException("not an S3 object: '" + location + "' (write s3://bucket/key)");
        }
        String bucket = location.substring(S3.length(), slash);
        String key = location.substring(slash + 1);
        try {
            HeadObjectResponse head = client().headObject(b -> b.bucket(bucket).key(key));
            if (head.eTag() != null && head.eTag().equals(knownVersion)) {
                return null;
            }
            var object = client().getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return new Content(object.response().eTag(),
                    List.of(object.asString(StandardCharsets.UTF_8).split("\r?\n")));
        } catch (NoSuchKeyException e) {
            throw new IOException("no such S3 object '" + location + "'", e);
        } catch (S3Exception e) {
            throw new IOException(e.statusCode() == 404 ? "no such S3 object '" + location + "'"
                    : "cannot read '" + location + "': " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read '" + location + "': " + e.getMessage(), e);
        }
    }

    private S3Client client() {
        if (s3 == null) {
            if (aws == null) {
                throw new IllegalStateException("no AWS settings for the S3 threat lists");
            }
            s3 = aws.s3();
        }
        return s3;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
