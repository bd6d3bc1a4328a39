/**
 * The enrichment job's Flink operators: attribution of bounded and streaming (held-back) flows, the broadcast task
 * index in state, task-event parsing, the in-job reconciler, and their settings records. Thin wrappers around enrich's
 * attributor, index, events and reconciler.
 */
package dev.flowlens.jobs.enrich.operators;
