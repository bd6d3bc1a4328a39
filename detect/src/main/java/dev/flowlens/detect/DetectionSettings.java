package dev.flowlens.detect;

import java.time.Duration;

/**
 * How detection judges: the shared periods and each detector's thresholds.
 *
 * @param warmUp how long a service's baselines learn before the baseline detectors judge it
 * @param serviceTtl a service quiet for this long is forgotten (its baselines and windows dropped)
 * @param updateInterval an open alert is re-emitted as {@code updated} at most this often while it grows
 */
public record DetectionSettings(Duration warmUp, Duration serviceTtl, Duration updateInterval,
        PortScanDetector.Settings portScan, NetworkSweepDetector.Settings networkSweep,
        RejectStormDetector.Settings rejectStorm, ThreatListDetector.Settings threatList,
        UnknownWorkloadDetector.Settings unknownWorkload) {

    public static DetectionSettings defaults() {
        return new DetectionSettings(Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(5),
                PortScanDetector.Settings.defaults(), NetworkSweepDetector.Settings.defaults(),
                RejectStormDetector.Settings.defaults(), ThreatListDetector.Settings.defaults(),
                UnknownWorkloadDetector.Settings.defaults());
    }
}
