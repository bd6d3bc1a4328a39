package dev.flowlens.enrich.aws;

import java.time.Duration;

/**
 * How the reconciler treats the ECS and EC2 APIs.
 *
 * @param callsPerSecond most API calls per second, across both services: ECS launches tasks through the same EC2
 *     API buckets, so reconciliation must never crowd them out
 * @param maxAttempts attempts per call, including retries of throttling and server errors
 * @param baseBackoff first retry delay; later ones double, with full jitter
 * @param maxBackoff cap on a single retry delay
 * @param eniCacheTtl how long an ENI's security groups and interface type are reused (they do not change while the
 *     ENI lives)
 * @param cacheSize bound of each cache (ENIs, services)
 */
public record ReconcilerSettings(double callsPerSecond, int maxAttempts, Duration baseBackoff, Duration maxBackoff,
        Duration eniCacheTtl, long cacheSize) {

    public static final ReconcilerSettings DEFAULT = new ReconcilerSettings(5, 8, Duration.ofMillis(200),
            Duration.ofSeconds(20), Duration.ofHours(1), 200_000);

    public ReconcilerSettings {
        if (callsPerSecond <= 0 || maxAttempts < 1 || cacheSize < 1) {
            throw new IllegalArgumentException("reconciler settings must be positive");
        }
    }
}
