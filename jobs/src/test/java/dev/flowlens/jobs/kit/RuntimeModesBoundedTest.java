package dev.flowlens.jobs.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Bounded jobs: BATCH, every operator at the job's parallelism unless the job's Flink options say otherwise. */
class RuntimeModesBoundedTest {
    @Test
    void aBoundedJobIsNotSizedByTheAdaptiveBatchScheduler() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
        RuntimeModes.bounded(env);
        assertThat(env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
        assertThat(env.getConfiguration().get(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED)).isFalse();
    }

    @Test
    void aJobThatAsksForTheSchedulersSizingKeepsIt() {
        Configuration asked = new Configuration();
        asked.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
        env.configure(asked); // as RunEnrichment passes the flink.* keys on
        RuntimeModes.bounded(env);
        assertThat(env.getConfiguration().get(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED)).isTrue();
    }
}
