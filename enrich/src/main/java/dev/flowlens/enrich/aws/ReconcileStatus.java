package dev.flowlens.enrich.aws;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of the latest reconciliation and how stale the index's API view is. While the APIs are down the index
 * keeps serving what it knows and the staleness grows; it is reported, never hidden.
 *
 * @param lastAttempt when the latest reconciliation started
 * @param lastSuccess when the latest successful one started ({@code null} if none succeeded yet)
 * @param lastError the latest failure in one line, {@code null} after a success
 * @param tasksSeen tasks described by the latest successful reconciliation
 * @param apiCalls calls made by the latest reconciliation, including retries
 */
public record ReconcileStatus(Instant lastAttempt, Instant lastSuccess, String lastError, int tasksSeen,
        int apiCalls) {

    /** How old the index's API view is at {@code now}; the whole age of the process if nothing succeeded. */
    public Duration staleness(Instant now) {
        return lastSuccess == null ? Duration.ofDays(36_500) : Duration.between(lastSuccess, now);
    }

    public boolean succeeded() {
        return lastError == null;
    }
}
