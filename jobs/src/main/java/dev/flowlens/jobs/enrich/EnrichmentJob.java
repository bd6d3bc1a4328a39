package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.index.TaskState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the enrichment topology over bounded local inputs — a directory of flow-log files, an events file, an
 * optional DescribeTasks snapshot — in BATCH mode, on whatever environment it is given (an embedded mini-cluster
 * for {@code flowlens demo}). Reads nothing itself but the list of files and the metadata, which it hands to Flink.
 */
public final class EnrichmentJob {
    /** The job's bounded inputs and output directories. */
    /**
     * @param enrichedOut where enriched flows go as JSON lines, or {@code null} for none
     * @param parquetOut where the Parquet dataset goes, or {@code null} for none
     */
    public record Inputs(Path flowLogs, Path events, Path snapshot, Path enrichedOut, Path parquetOut,
            Path deadLettersOut) {}

    private EnrichmentJob() {}

    public static JobExecutionResult run(StreamExecutionEnvironment env, Inputs inputs, EnrichmentSettings settings)
            throws Exception {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        // operators never keep or change what they received, so chained operators may pass objects without copies
        env.getConfig().enableObjectReuse();
        List<String> files = RunEnrichment.files(inputs.flowLogs());
        List<String> events = inputs.events() == null ? List.of()
                : Files.readAllLines(inputs.events(), StandardCharsets.UTF_8);
        List<TaskState> snapshot = inputs.snapshot() == null ? List.of() : RunEnrichment.snapshot(inputs.snapshot());
        EnrichmentTopology.build(
                EnrichmentTopology.readFiles(
                        env.fromData(files, Types.STRING).uid("flow-log-files").name("flow-log files"),
                        settings.format()),
                env.fromData(events, Types.STRING).uid("task-events").name("task events"),
                env.fromData(snapshot, TypeInformation.of(TaskState.class)).uid("task-snapshot").name("task snapshot"),
                settings,
                new FileSinks(inputs.enrichedOut() == null ? null : inputs.enrichedOut().toString(),
                        inputs.parquetOut() == null ? null : inputs.parquetOut().toString(),
                        inputs.deadLettersOut().toString()));
        return env.execute("flowlens enrichment");
    }
}
