package dev.flowlens.ingest.s3;

import java.util.Objects;

/**
 * An S3 object to read: its bucket, key and size in bytes ({@code -1} when unknown), and, when a notification
 * announced it, its version id (versioned buckets) and S3's {@code sequencer} of the event; {@code null} when not
 * known. A POJO for Flink.
 */
public class S3ObjectRef {
    public String bucket;
    public String key;
    public long size;
    public String versionId;
    public String sequencer;

    public S3ObjectRef() {}

    public S3ObjectRef(String bucket, String key, long size) {
        this(bucket, key, size, null, null);
    }

    public S3ObjectRef(String bucket, String key, long size, String versionId, String sequencer) {
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.versionId = versionId;
        this.sequencer = sequencer;
    }

    /** {@code s3://bucket/key}, as dead letters name the object. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * What tells this object apart from every other: bucket and key, and the version id or else the sequencer. Every
     * copy of one notification (S3 delivers at least once) gives the same identity; a key written again gets a new
     * version id or sequencer. Without either, bucket and key alone (flow-log keys are never reused).
     */
    public String identity() {
        String revision = versionId != null ? "version " + versionId : sequencer != null ? "sequencer " + sequencer
                : "";
        return uri() + (revision.isEmpty() ? "" : " " + revision);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof S3ObjectRef ref && ref.size == size && Objects.equals(ref.bucket, bucket)
                && Objects.equals(ref.key, key) && Objects.equals(ref.versionId, versionId)
                && Objects.equals(ref.sequencer, sequencer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, size, versionId, sequencer);
    }

    @Override
    public String toString() {
        return identity() + " (" + size + " bytes)";
    }
}
