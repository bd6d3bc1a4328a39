/**
 * The fleet simulator (a deterministic ECS account with IP reuse, trunking, late and lost events and injected
 * incidents, written with its ground truth) and the judge that scores enriched flows and alerts against it. Plain Java
 * on ingest and enrich, no Flink types; used by the command line, the benchmarks and tests, never by a job.
 */
package dev.flowlens.sim;
