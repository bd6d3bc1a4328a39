package dev.flowlens.cli;

import dev.flowlens.jobs.enrich.EnrichmentCounts;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The enrichment job's progress on a terminal: flows enriched so far and their rate, from the job's accumulators,
 * polled twice a second while it runs.
 */
final class JobProgress implements JobListener {
    private final Progress progress;
    private final long expectedFlows;
    private ScheduledExecutorService poller;

    private JobProgress(Progress progress, long expectedFlows) {
        this.progress = progress;
        this.expectedFlows = expectedFlows;
    }

    /**
     * The environment to run the job on, showing its progress when {@code progress} is visible.
     *
     * @param expectedFlows how many flows the input holds, for a share done; 0 when unknown
     */
    static StreamExecutionEnvironment environment(Progress progress, long expectedFlows) {
        if (!progress.visible()) {
            return StreamExecutionEnvironment.getExecutionEnvironment();
        }
        // task managers report accumulators with their heartbeats, every 10 s by default: too seldom to watch
        Configuration faster = new Configuration();
        faster.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(faster);
        env.registerJobListener(new JobProgress(progress, expectedFlows));
        return env;
    }

    @Override
    public void onJobSubmitted(JobClient client, Throwable failure) {
        if (client == null) {
            return;
        }
        long started = System.nanoTime();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flowlens job progress");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> client.getAccumulators().thenAccept(accumulators -> progress.show(
                        line(EnrichmentCounts.of(accumulators), (System.nanoTime() - started) / 1_000_000,
                                expectedFlows))),
                0, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable failure) {
        if (poller != null) {
            poller.shutdownNow();
        }
        progress.clear();
    }

    /** {@code running the job: 1,500 of 6,000 flows enriched (25%, 500 flows/s), 0 dead letters, 3 s}. */
    static String line(EnrichmentCounts counts, long elapsedMillis, long expectedFlows) {
        double rate = elapsedMillis == 0 ? 0 : counts.enrichedFlows() * 1000.0 / elapsedMillis;
        String flows = expectedFlows > 0
                ? String.format("%,d of %,d flows enriched (%.0f%%, %,.0f flows/s)", counts.enrichedFlows(),
                        expectedFlows, 100.0 * counts.enrichedFlows() / expectedFlows, rate)
                : String.format("%,d flows enriched (%,.0f flows/s)", counts.enrichedFlows(), rate);
        return String.format("running the job: %s, %,d dead letters, %d s", flows, counts.deadLetters(),
                elapsedMillis / 1000);
    }
}
