package dev.flowlens.detect;

import dev.flowlens.schemas.alert.Alert;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs every detector over one service's flows and event time, and emits the alerts its {@link AlertBook} makes.
 * Stateless itself: the state is the caller's {@link ServiceState}, so a Flink operator can keep it per key.
 */
public final class Detection {
    private final DetectionSettings settings;
    private final AlertBook book;
    private final List<Detector> detectors;

    public Detection(DetectionSettings settings) {
        this.settings = settings;
        this.book = new AlertBook(settings.updateInterval().toSeconds());
        this.detectors = List.of(
                new NewExternalDestinationDetector(settings),
                new ExfiltrationDetector(settings),
                new UnusualPortDetector(settings),
                new BeaconingDetector(settings),
                new PortScanDetector(settings.portScan()),
                new NetworkSweepDetector(settings.networkSweep()),
                new RejectStormDetector(settings.rejectStorm()),
                new ThreatListDetector(settings.threatList()),
                new UnknownWorkloadDetector(settings.unknownWorkload()));
    }

    /** Takes one flow of the service; opened and grown incidents go to {@code out}. */
    public void onFlow(ServiceState state, TaskFlow flow, Consumer<Alert> out) {
        long time = flow.time();
        if (state.firstSeen < 0 || time < state.firstSeen) {
            state.firstSeen = time;
        }
        state.lastSeen = Math.max(state.lastSeen, time);
        for (Detector detector : detectors) {
            detector.onFlow(state, flow, book);
        }
        book.emit(state.alerts, time, false, out);
    }

    /**
     * Event time has reached {@code now}: detectors expire what is old, quiet incidents close. Returns whether the
     * service is gone (quiet for the service TTL, its incidents closed), so the caller can drop its state.
     */
    public boolean onTime(ServiceState state, long now, Consumer<Alert> out) {
        for (Detector detector : detectors) {
            detector.onTime(state, now, book);
        }
        book.emit(state.alerts, now, true, out);
        return state.lastSeen >= 0 && now - state.lastSeen >= settings.serviceTtl().toSeconds()
                && AlertBook.isEmpty(state.alerts);
    }

    /** Whether no detector holds anything and no incident is open. */
    public boolean isEmpty(ServiceState state) {
        for (Detector detector : detectors) {
            if (!detector.isEmpty(state)) {
                return false;
            }
        }
        return AlertBook.isEmpty(state.alerts);
    }
}
