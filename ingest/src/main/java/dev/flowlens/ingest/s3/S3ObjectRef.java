package dev.flowlens.ingest.s3;

import java.util.Objects;

/** An S3 object to read: its bucket, key and size in bytes ({@code -1} when unknown). A POJO for Flink. */
public class S3ObjectRef {
    public String bucket;
    public String key;
    public long size;

    public S3ObjectRef() {}

    public S3ObjectRef(String bucket, String key, long size) {
        this.bucket = bucket;
        this.key = key;
        this.size = size;
    }

    /** {@code s3://bucket/key}, as dead letters name the object. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof S3ObjectRef ref && ref.size == size && Objects.equals(ref.bucket, bucket)
                && Objects.equals(ref.key, key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, size);
    }

    @Override
    public String toString() {
        return uri() + " (" + size + " bytes)";
    }
}
