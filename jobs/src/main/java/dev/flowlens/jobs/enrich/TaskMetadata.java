package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.jobs.enrich.operators.EachTask;
import dev.flowlens.jobs.enrich.operators.ReconcileTasks;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.schemas.TaskState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the task index's metadata comes from: events files, DescribeTasks snapshots, the reconciler. */
public final class TaskMetadata {
    private TaskMetadata() {}

    /** The lines of an events file as a bounded stream; {@code null} for no file or no lines. */
    public static DataStream<String> events(StreamExecutionEnvironment env, Path file) throws IOException {
        List<String> lines = file == null ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
        // Flink's collection source cannot be empty.
        return lines.isEmpty() ? null : env.fromData(lines, Types.STRING).uid("task-events").name("task events");
    }

    /** The tasks of a DescribeTasks snapshot as a bounded stream; {@code null} for no file or no tasks. */
    public static DataStream<TaskState> snapshot(StreamExecutionEnvironment env, Path file) throws IOException {
        List<TaskState> tasks = List.of();
        if (file != null) {
            try {
                tasks = new TaskStateChangeEvents().parseDescribeTasks(Files.readAllBytes(file), 0L);
            } catch (InvalidEventException e) {
                throw new IOException("snapshot " + file + ": " + e.getMessage(), e);
            }
        }
        return tasks.isEmpty() ? null
                : env.fromData(tasks, TypeInformation.of(TaskState.class)).uid("task-snapshot").name("task snapshot");
    }

    /**
     * Task observations from the ECS and EC2 APIs, one full reconciliation, for a bounded job: in BATCH mode the
     * broadcast metadata is read before any flow, so the account's current state is in the index before the first
     * flow (merged as current state, never as event time: {@link TaskState#current}).
     */
    public static DataStream<TaskState> reconciledOnce(StreamExecutionEnvironment env, ReconcileTasks pass) {
        DataGeneratorSource<List<TaskState>> single = new DataGeneratorSource<>(pass, 1,
                Types.LIST(TypeInformation.of(TaskState.class)));
        return env.fromSource(single, WatermarkStrategy.noWatermarks(), "ECS reconciliation (once)")
                .setParallelism(1).uid("ecs-reconciliation-once")
                .flatMap(new EachTask()).setParallelism(1).uid("reconciled-once-tasks").name("reconciled tasks");
    }

    /**
     * Task observations from the ECS and EC2 APIs, one full reconciliation per interval, from one subtask (the APIs
     * are rate-limited per account, so more would only crowd out ECS itself).
     */
    public static DataStream<TaskState> reconciled(StreamExecutionEnvironment env, Duration every, AwsSettings aws,
            String ecsEndpoint, String ec2Endpoint) {
        DataGeneratorSource<List<TaskState>> passes = new DataGeneratorSource<>(
                new ReconcileTasks(aws, ecsEndpoint, ec2Endpoint), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1000.0 / every.toMillis()),
                Types.LIST(TypeInformation.of(TaskState.class)));
        return env.fromSource(passes, WatermarkStrategy.noWatermarks(), "ECS reconciliation")
                .setParallelism(1).uid("ecs-reconciliation")
                .flatMap(new EachTask()).setParallelism(1).uid("reconciled-tasks").name("reconciled tasks");
    }
}
