package dev.flowlens.detect;

import java.time.Duration;

/**
 * How detection judges: the shared periods and each detector's thresholds.
 *
 * @param warmUp how long a service's baselines learn before the baseline detectors judge it
 * @param serviceTtl a service quiet for this long is forgotten (its baselines and windows dropped)
 * @param updateInterval an open alert is re-emitted as {@code updated} at most this often while it grows
 * @param newExternalDestination {@code new-external-destination}'s settings
 * @param exfiltration {@code exfiltration}'s settings
 * @param unusualPort {@code unusual-port}'s settings
 * @param beaconing {@code beaconing}'s settings
 */
public record DetectionSettings(Duration warmUp, Duration serviceTtl, Duration updateInterval,
        NewExternalDestinationDetector.Settings newExternalDestination,
        ExfiltrationDetector.Settings exfiltration,
        UnusualPortDetector.Settings unusualPort,
        BeaconingDetector.Settings beaconing) {

    public static DetectionSettings defaults() {
        return new DetectionSettings(Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(5),
                NewExternalDestinationDetector.Settings.defaults(),
                ExfiltrationDetector.Settings.defaults(),
                UnusualPortDetector.Settings.defaults(),
                BeaconingDetector.Settings.defaults());
    }
}
