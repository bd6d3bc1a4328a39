package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.TaskState;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** ECS Task State Change events (JSON text) to task observations; bad events go to the dead letters. */
public final class ParseTaskEvent extends ProcessFunction<String, TaskState> {
    private final String source;
    private transient TaskStateChangeEvents events;

    /** @param source where the events come from, for dead-letter origins */
    public ParseTaskEvent(String source) {
        this.source = source;
    }

    @Override
    public void open(OpenContext openContext) {
        events = new TaskStateChangeEvents();
    }

    @Override
    public void processElement(String event, Context context, Collector<TaskState> out) {
        if (event.isBlank()) {
            return;
        }
        try {
            out.collect(events.parse(event.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidEventException e) {
            context.output(DeadLetters.TAG, DeadLetter.of(event, Origin.of(source),
                    DeadLetterReason.BAD_EVENT, e.getMessage()));
        }
    }
}
