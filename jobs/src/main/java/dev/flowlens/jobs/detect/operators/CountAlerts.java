package dev.flowlens.jobs.detect.operators;

import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertStatus;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts the alerts on their way to the outputs in accumulators, which the job's result carries so a run can report
 * them: every record ({@link #ALERT_RECORDS}: open, updated, closed) and the incidents opened ({@link #INCIDENTS}).
 * The metrics of {@link DetectAnomalies} say the same per kind, but a job's result holds accumulators only.
 */
public final class CountAlerts extends RichMapFunction<Alert, Alert> {
    /** The accumulator of alert records. */
    public static final String ALERT_RECORDS = "flowlens.detect.alertRecords";
    /** The accumulator of incidents: alert records with status open. */
    public static final String INCIDENTS = "flowlens.detect.incidents";

    private transient LongCounter records;
    private transient LongCounter incidents;

    @Override
    public void open(OpenContext openContext) {
        records = getRuntimeContext().getLongCounter(ALERT_RECORDS);
        incidents = getRuntimeContext().getLongCounter(INCIDENTS);
    }

    @Override
    public Alert map(Alert alert) {
        records.add(1L);
        if (alert.status == AlertStatus.OPEN) {
            incidents.add(1L);
        }
        return alert;
    }
}
