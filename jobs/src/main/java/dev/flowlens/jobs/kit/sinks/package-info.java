/**
 * File outputs committed by Flink's {@code FileSink}: JSON lines, the enriched Parquet dataset in {@code dt=/hour=}
 * partitions, and dead letters. Flink's file connector and flink-parquet; knows no job.
 */
package dev.flowlens.jobs.kit.sinks;
