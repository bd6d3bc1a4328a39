package dev.flowlens.schemas;

/** Why an input could not become a record. Stable codes: they appear in dead-letter outputs and metrics. */
public enum DeadLetterReason {
    /** A line with no fields at all. */
    EMPTY_LINE,
    /** The line has more or fewer fields than its format. */
    FIELD_COUNT,
    /** A numeric field is not a number, or is outside its range. */
    BAD_NUMBER,
    /** An address field is not a valid IPv4 or IPv6 address. */
    BAD_IP,
    /** A field with a closed set of values (action, log-status) has another one. */
    BAD_VALUE,
    /** The format (configured, or the object's header line) names a field AWS does not define. */
    BAD_FORMAT,
    /**
     * A record of a flow-log kind Flowlens does not read; none today (VPC versions 2 to 11 and transit-gateway
     * version 6 are read).
     */
    UNSUPPORTED_VERSION,
    /** The line is longer than the configured bound; only its start is kept. */
    LINE_TOO_LONG,
    /** The line is not valid UTF-8 text. */
    BAD_ENCODING,
    /** The gzip stream ended early or is corrupt; what was read before it is kept. */
    TRUNCATED_GZIP,
    /** Decompression passed the configured size bound; reading stopped there and the letter says what was not read. */
    DECOMPRESSION_LIMIT,
    /** A CloudWatch Logs subscription payload that is not the documented JSON. */
    BAD_ENVELOPE,
    /** A Parquet object that cannot be read, or a column of an unexpected type. */
    BAD_PARQUET,
    /** An ECS task state change event that is not valid JSON or lacks what attribution needs. */
    BAD_EVENT,
    /** A message shaped like an S3 event notification that does not name the objects it announces. */
    BAD_NOTIFICATION,
    /**
     * A message of an enriched-flows topic that is not an enriched flow's JSON as {@code schemas/enriched-flow.md}
     * defines it (unknown field, wrong type, not JSON, empty).
     */
    BAD_ENRICHED_FLOW,
    /** The input could not be read at all (I/O error). */
    READ_ERROR
}
