/**
 * Egress anomaly detection as plain Java: per-service baselines and per-task judgements over enriched flows, each
 * incident one {@link dev.flowlens.schemas.alert.Alert} opened, updated and closed by an {@link AlertBook}. No Flink
 * here: the job's operator keys {@link TaskFlow}s by {@link TaskFlow#serviceKey}, keeps one {@link ServiceState} per
 * key and calls {@link Detection}.
 */
package dev.flowlens.detect;
