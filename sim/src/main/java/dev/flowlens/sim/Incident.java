package dev.flowlens.sim;

/**
 * An injected incident: what happened, from which task, when (epoch seconds, {@code [start, end)}), and to whom.
 *
 * @param kind {@code exfiltration}, {@code port-scan}, {@code network-sweep}, {@code deny-listed-peer},
 *     {@code crypto-mining}, {@code c2-beaconing}, {@code reject-storm} or {@code unknown-source}
 * @param taskId the task involved (the victim for a reject storm; {@code null} for an unknown source)
 * @param peer the external address or the target, as text
 */
public record Incident(String kind, String taskId, long start, long end, String peer) {}
