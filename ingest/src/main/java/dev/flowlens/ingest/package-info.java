/**
 * Flow-log bytes to {@link dev.flowlens.schemas.FlowRecord}s: the format and parser, the readers of plain and gzip
 * text, S3 objects with header lines, CloudWatch Logs payloads and AWS's Parquet delivery, their limits, and a dead
 * letter for every input that is not a record. Plain Java on schemas, Jackson and parquet-hadoop; no Flink types.
 */
package dev.flowlens.ingest;
