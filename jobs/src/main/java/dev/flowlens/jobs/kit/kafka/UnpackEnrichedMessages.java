package dev.flowlens.jobs.kit.kafka;

import dev.flowlens.jobs.kit.DeadLetters;
import dev.flowlens.schemas.EnrichedFlow;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The flows of an enriched-flows topic on, the messages that hold none to the {@link DeadLetters} side output (with
 * their topic, partition and offset), so a bad message neither stops the job nor vanishes. Stateless.
 */
public final class UnpackEnrichedMessages extends ProcessFunction<EnrichedMessage, EnrichedFlow> {
    @Override
    public void processElement(EnrichedMessage message, Context context, Collector<EnrichedFlow> out) {
        if (message.flow != null) {
            out.collect(message.flow);
        } else {
            context.output(DeadLetters.TAG, message.deadLetter);
        }
    }
}
