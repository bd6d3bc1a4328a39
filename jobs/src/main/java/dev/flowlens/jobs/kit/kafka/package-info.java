/**
 * The Kafka ends of the jobs: a source of raw messages with their topic, partition and offset, exactly-once sinks of
 * JSON records (enriched flows, alerts), and the keys of one Kafka endpoint. Flink's Kafka connector; knows no job.
 */
package dev.flowlens.jobs.kit.kafka;
