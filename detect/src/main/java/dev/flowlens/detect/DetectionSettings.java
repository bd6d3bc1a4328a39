package dev.flowlens.detect;

import java.time.Duration;

/**
 * How detection judges: the shared periods and each detector's thresholds.
 *
 * @param warmUp how long a service's baselines learn before the baseline detectors judge it; short by default so a
 *     job judges soon after it starts (the detectors also wait until a baseline has learned enough connections),
 *     longer (hours, a day) for services whose normal dependencies are called rarely
 * @param serviceTtl a service quiet for this long is forgotten (its baselines and windows dropped)
 * @param updateInterval an open alert is re-emitted as {@code updated} at most this often while it grows
 * @param newExternalDestination {@code new-external-destination}'s settings
 * @param exfiltration {@code exfiltration}'s settings
 * @param unusualPort {@code unusual-port}'s settings
 * @param beaconing {@code beaconing}'s settings
 * @param portScan {@code port-scan}'s settings
 * @param networkSweep {@code network-sweep}'s settings
 * @param rejectStorm {@code reject-storm}'s settings
 * @param threatList {@code threat-list-match}'s settings
 * @param unknownWorkload {@code unknown-workload}'s settings
 */
public record DetectionSettings(Duration warmUp, Duration serviceTtl, Duration updateInterval,
        NewExternalDestinationDetector.Settings newExternalDestination,
        ExfiltrationDetector.Settings exfiltration,
        UnusualPortDetector.Settings unusualPort,
        BeaconingDetector.Settings beaconing,
        PortScanDetector.Settings portScan, NetworkSweepDetector.Settings networkSweep,
        RejectStormDetector.Settings rejectStorm, ThreatListDetector.Settings threatList,
        UnknownWorkloadDetector.Settings unknownWorkload) implements java.io.Serializable {

    public static DetectionSettings defaults() {
        return new DetectionSettings(Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofMinutes(5),
                NewExternalDestinationDetector.Settings.defaults(),
                ExfiltrationDetector.Settings.defaults(),
                UnusualPortDetector.Settings.defaults(),
                BeaconingDetector.Settings.defaults(),
                PortScanDetector.Settings.defaults(), NetworkSweepDetector.Settings.defaults(),
                RejectStormDetector.Settings.defaults(), ThreatListDetector.Settings.defaults(),
                UnknownWorkloadDetector.Settings.defaults());
    }

    public DetectionSettings withWarmUp(Duration value) {
        return new DetectionSettings(value, serviceTtl, updateInterval, newExternalDestination, exfiltration, unusualPort, beaconing, portScan, networkSweep, rejectStorm, threatList, unknownWorkload);
    }
    public DetectionSettings withServiceTtl(Duration value) {
        return new DetectionSettings(warmUp, value, updateInterval, newExternalDestination, exfiltration, unusualPort, beaconing, portScan, networkSweep, rejectStorm, threatList, unknownWorkload);
    }
    public DetectionSettings withNewExternalDestination(NewExternalDestinationDetector.Settings value) {
        return new DetectionSettings(warmUp, serviceTtl, updateInterval, value, exfiltration, unusualPort, beaconing, portScan, networkSweep, rejectStorm, threatList, unknownWorkload);
    }
    public DetectionSettings withUnknownWorkload(UnknownWorkloadDetector.Settings value) {
        return new DetectionSettings(warmUp, serviceTtl, updateInterval, newExternalDestination, exfiltration, unusualPort, beaconing, portScan, networkSweep, rejectStorm, threatList, value);
    }
}
