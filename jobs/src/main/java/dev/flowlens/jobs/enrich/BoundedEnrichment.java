package dev.flowlens.jobs.enrich;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.jobs.detect.AlertSinks;
import dev.flowlens.jobs.detect.WithDetection;
import dev.flowlens.jobs.enrich.operators.ReconcileTasks;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.readers.FlowLogSources;
import dev.flowlens.schemas.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the enrichment topology over bounded local inputs — a directory of flow-log files, an events file, an
 * optional DescribeTasks snapshot, optionally one reconciliation against ECS/EC2 endpoints — in BATCH mode, on whatever environment it is given (an embedded mini-cluster
 * for {@code flowlens demo}). Reads nothing itself but the list of files and the metadata, which it hands to Flink.
 */
public final class BoundedEnrichment {
    /**
     * The job's bounded inputs and output directories.
     *
     * @param enrichedOut where enriched flows go as JSON lines, or {@code null} for none
     * @param parquetOut where the Parquet dataset goes, or {@code null} for none
     */
    public record Inputs(Path flowLogs, Path events, Path snapshot, Path enrichedOut, Path parquetOut,
            Path deadLettersOut) {}

    private BoundedEnrichment() {}

    /**
     * Detection in the same topology: the detectors' settings and where alerts go as JSON lines.
     *
     * @param lateness how far behind a service's newest flow its clock runs
     */
    public record Detection(DetectionSettings settings, Duration lateness, Path alertsOut) {}

    public static JobExecutionResult run(StreamExecutionEnvironment env, Inputs inputs, EnrichmentSettings settings)
            throws Exception {
        return run(env, inputs, settings, null);
    }

    /** As {@link #run(StreamExecutionEnvironment, Inputs, EnrichmentSettings)}, and detection when not null. */
    public static JobExecutionResult run(StreamExecutionEnvironment env, Inputs inputs, EnrichmentSettings settings,
            Detection detection) throws Exception {
        return run(env, inputs, settings, detection, null);
    }

    /**
     * As {@link #run(StreamExecutionEnvironment, Inputs, EnrichmentSettings, Detection)}, and, when
     * {@code reconcileOnce} is not null, one ECS/EC2 reconciliation merged into the metadata before the flows
     * ({@link TaskMetadata#reconciledOnce}).
     */
    public static JobExecutionResult run(StreamExecutionEnvironment env, Inputs inputs, EnrichmentSettings settings,
            Detection detection, ReconcileTasks reconcileOnce) throws Exception {
        RuntimeModes.bounded(env);
        EnrichmentTopology.Sinks sinks = EnrichmentSinks.files(text(inputs.enrichedOut()), text(inputs.parquetOut()),
                inputs.deadLettersOut().toString());
        if (detection != null) {
            sinks = new WithDetection(sinks, detection.settings(), true, detection.lateness(),
                    new AlertSinks(detection.alertsOut().toString(), null, null, null, AlertSinks.Format.FLOWLENS));
        }
        DataStream<TaskState> observed = TaskMetadata.snapshot(env, inputs.snapshot());
        if (reconcileOnce != null) {
            DataStream<TaskState> reconciled = TaskMetadata.reconciledOnce(env, reconcileOnce);
            observed = observed == null ? reconciled : observed.union(reconciled);
        }
        EnrichmentTopology.build(
                EnrichmentTopology.readFiles(FlowLogSources.fileList(env, inputs.flowLogs()), settings.format()),
                TaskMetadata.events(env, inputs.events()),
                observed,
                settings,
                sinks);
        return env.execute("flowlens enrichment");
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
