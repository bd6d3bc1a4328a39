/**
 * The time-aware attribution index: which task held an address or ENI at an instant, updated by idempotent,
 * order-insensitive merges of task observations. Plain Java on the JDK and schemas, single-threaded; no Flink types.
 */
package dev.flowlens.enrich.index;
