package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.schemas.TaskState;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A reconciliation's tasks, one by one. */
public final class EachTask implements FlatMapFunction<List<TaskState>, TaskState> {
    @Override
    public void flatMap(List<TaskState> tasks, Collector<TaskState> out) {
        tasks.forEach(out::collect);
    }
}
