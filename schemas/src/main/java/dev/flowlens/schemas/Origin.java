package dev.flowlens.schemas;

import java.util.Objects;

/**
 * Where an input came from, precise enough to find it again: an object key or file and its line number, or a Kafka
 * topic, partition and offset, with an optional detail such as a CloudWatch Logs event id.
 */
public class Origin {
    /** The object ({@code s3://bucket/key}), file path, {@code stdin}, or Kafka topic. */
    public String source;
    /** Kafka partition, else {@code null}. */
    public Integer partition;
    /** Kafka offset, else {@code null}. */
    public Long offset;
    /** 1-based line (or Parquet row) number within the source, else {@code null}. */
    public Long line;
    /** Extra position inside a message, such as a CloudWatch Logs event id, else {@code null}. */
    public String detail;

    public Origin() {}

    public static Origin of(String source) {
        Origin origin = new Origin();
        origin.source = source;
        return origin;
    }

    public static Origin kafka(String topic, int partition, long offset) {
        Origin origin = of(topic);
        origin.partition = partition;
        origin.offset = offset;
        return origin;
    }

    /** A copy of this origin at the given line. */
    public Origin atLine(long lineNumber) {
        Origin copy = copy();
        copy.line = lineNumber;
        return copy;
    }

    /** A copy of this origin with the given detail. */
    public Origin withDetail(String newDetail) {
        Origin copy = copy();
        copy.detail = newDetail;
        return copy;
    }

    private Origin copy() {
        Origin copy = new Origin();
        copy.source = source;
        copy.partition = partition;
        copy.offset = offset;
        copy.line = line;
        copy.detail = detail;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Origin)) {
            return false;
        }
        Origin that = (Origin) o;
        return Objects.equals(source, that.source) && Objects.equals(partition, that.partition)
                && Objects.equals(offset, that.offset) && Objects.equals(line, that.line)
                && Objects.equals(detail, that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, offset, line, detail);
    }

    /** {@code source[partition]@offset:line#detail}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.valueOf(source));
        if (partition != null) {
            text.append('[').append(partition).append(']');
        }
        if (offset != null) {
            text.append('@').append(offset);
        }
        if (line != null) {
            text.append(':').append(line);
        }
        if (detail != null) {
            text.append('#').append(detail);
        }
        return text.toString();
    }
}
