/**
 * The Kafka ends of the jobs: a source of raw messages with their topic, partition and offset, a source of enriched
 * flows read back ({@code EnrichedMessage}: the flow, or a dead letter for a value that is not one), exactly-once
 * sinks of JSON records (enriched flows, alerts), and the keys of one Kafka endpoint. Flink's Kafka connector; knows no job.
 */
package dev.flowlens.jobs.kit.kafka;
