package dev.flowlens.jobs.readers;

import dev.flowlens.ingest.S3ObjectKey;
import dev.flowlens.ingest.s3.S3ObjectRef;
import dev.flowlens.jobs.kit.AwsSettings;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists one key prefix (a day of AWS's delivery layout) and emits the flow-log objects delivered in
 * {@code [from, until)}; keys outside AWS's layout are skipped.
 */
public final class ListS3Objects extends ProcessFunction<String, S3ObjectRef> {
    private final String bucket;
    private final Instant from;
    private final Instant until;
    private final AwsSettings aws;
    private transient S3Client s3;

    public ListS3Objects(String bucket, Instant from, Instant until, AwsSettings aws) {
        this.bucket = bucket;
        this.from = from;
        this.until = until;
        this.aws = aws;
    }

    @Override
    public void open(OpenContext openContext) {
        s3 = aws.s3();
    }

    @Override
    public void processElement(String prefix, Context context, Collector<S3ObjectRef> out) {
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            Optional<Instant> delivered = S3ObjectKey.deliveredAt(object.key());
            if (delivered.isPresent() && !delivered.get().isBefore(from)
                    && delivered.get().isBefore(until)) {
                out.collect(new S3ObjectRef(bucket, object.key(), object.size() == null ? -1 : object.size()));
            }
        }
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
