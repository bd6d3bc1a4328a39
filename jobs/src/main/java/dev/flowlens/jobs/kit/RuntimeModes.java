package dev.flowlens.jobs.kit;

import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** How jobs run: bounded inputs in BATCH mode, unbounded ones streaming with exactly-once checkpoints. */
public final class RuntimeModes {
    private RuntimeModes() {}

    /**
     * Bounded jobs run in BATCH mode; operators never keep or change what they receive, so objects are reused. Every
     * operator runs at the job's parallelism: Flink's adaptive batch scheduler would size each by the bytes on its
     * input edge, and the operators that read files themselves get only their paths (a few kB), so it gave the whole
     * attribution and writer chain one subtask whatever the parallelism. Their outputs do not depend on it: detection
     * takes a key's flows of one second in their content's order ({@code DetectAnomalies}). A job configured with
     * {@code execution.batch.adaptive.auto-parallelism.enabled} ({@code flink.*} keys) keeps what it set.
     */
    public static void bounded(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.getConfig().enableObjectReuse();
        if (env.getConfiguration().getOptional(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED).isEmpty()) {
            Configuration sizing = new Configuration();
            sizing.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
            env.configure(sizing);
        }
    }

    /**
     * Streaming jobs checkpoint exactly once; sinks commit (Kafka transactions, Parquet files) on checkpoints. Objects
     * are reused as in BATCH mode: no operator changes what it receives, and one that keeps records (in keyed state)
     * gets them over the network after {@code keyBy}, where each is deserialized fresh.
     *
     * @param directory where checkpoints go, or {@code null} for the cluster's setting
     */
    public static void streaming(StreamExecutionEnvironment env, Duration interval, String directory) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (directory != null) {
            Configuration storage = new Configuration();
            storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
            env.configure(storage);
        }
    }

    /** Streaming as {@link CheckpointOptions} configure it. */
    public static void streaming(StreamExecutionEnvironment env, JobConfig config) {
        streaming(env, config.get(CheckpointOptions.INTERVAL), config.get(CheckpointOptions.DIRECTORY));
    }
}
