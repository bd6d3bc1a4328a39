/**
 * JMH benchmarks and throughput harnesses of the parser, the index, the generator and the enrichment job, beside the
 * references they are measured against (other ways of parsing, the naive IP-only join, Flink SQL). May use every
 * module and test infrastructure (an in-process Kafka broker); never shipped.
 */
package dev.flowlens.bench;
