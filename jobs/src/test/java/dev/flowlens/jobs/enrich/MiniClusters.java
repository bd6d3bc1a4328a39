package dev.flowlens.jobs.enrich;

import dev.flowlens.jobs.kit.JobConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The tests' Flink mini-cluster (one TaskManager; a failing job fails the test unless it asks for restarts). */
public final class MiniClusters {
    private MiniClusters() {}

    /** Starts the job a configuration file describes, without waiting for it to end. */
    static JobClient submit(Path config, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RunEnrichment.define(env, JobConfig.read(config, Map.of(), EnrichmentOptions.ALL));
        return env.executeAsync(name);
    }

    public static MiniClusterExtension withSlots(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots)
                .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none")))
                .build());
    }
}
