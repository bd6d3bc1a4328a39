/**
 * The enrichment job: its topology builder, its options and their wiring, the cluster jar's main class, the bounded
 * local runner of {@code flowlens demo}, its sinks and task-metadata sources. One package per job: uses the kit, the
 * readers and its own operators, never the simulator.
 */
package dev.flowlens.jobs.enrich;
