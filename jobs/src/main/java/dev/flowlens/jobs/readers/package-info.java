/**
 * The flow-log readers as Flink functions ({@code Read*}: files, Kafka messages, S3 objects, objects announced on
 * SQS), their metrics, the S3 listing of a backfill, and the sources of paths and object references. Thin wrappers
 * around ingest's readers; use the kit, know no job.
 */
package dev.flowlens.jobs.readers;
