/**
 * File outputs committed by Flink's {@code FileSink}: JSON lines, the enriched-flow and alert Parquet datasets
 * ({@code DatasetParquet} writes any contract of {@code schemas.dataset}) in {@code dt=/hour=} partitions, and dead
 * letters. Flink's file connector and flink-parquet; knows no job.
 */
package dev.flowlens.jobs.kit.sinks;
