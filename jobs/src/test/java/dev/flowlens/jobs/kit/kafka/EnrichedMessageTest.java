package dev.flowlens.jobs.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.testkit.EnrichedFlows;
import dev.flowlens.testkit.Flows;
import dev.flowlens.testkit.TaskStates;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A message's value becomes its flow, or a dead letter with its origin, text and reason; never an exception. */
class EnrichedMessageTest {

    @Test
    void aFlowsJsonBecomesTheFlow() {
        EnrichedFlow flow = EnrichedFlows.enriched(Flows.flow().build())
                .srcTask(TaskStates.task("t1").securityGroups("sg-1").identity()).direction(FlowDirection.EGRESS)
                .build();
        String text = EnrichedFlowJson.toJson(flow);

        EnrichedMessage message = EnrichedMessage.read("enriched", 2, 41, text.getBytes(StandardCharsets.UTF_8));

        assertThat(message.deadLetter).isNull();
        assertThat(EnrichedFlowJson.toJson(message.flow)).isEqualTo(text);
        assertThat(message.origin()).isEqualTo(Origin.kafka("enriched", 2, 41));
    }

    @Test
    void aValueThatIsNoFlowBecomesADeadLetterNamingTheField() {
        String text = "{\"flow\":{\"dstport\":\"https\"},\"src\":{},\"dst\":{}}";

        EnrichedMessage message = EnrichedMessage.read("enriched", 0, 7, text.getBytes(StandardCharsets.UTF_8));

        assertThat(message.flow).isNull();
        DeadLetter letter = message.deadLetter;
        assertThat(letter.origin).isEqualTo(Origin.kafka("enriched", 0, 7));
        assertThat(letter.reason).isEqualTo(DeadLetterReason.BAD_ENRICHED_FLOW);
        assertThat(letter.raw).isEqualTo(text);
        assertThat(letter.message).contains("'flow.dstport'").contains("column").contains("schemas/enriched-flow.md")
                .doesNotContain("REDACTED");
    }

    @Test
    void aTombstoneAndBrokenUtf8AreDeadLettersToo() {
        EnrichedMessage tombstone = EnrichedMessage.read("enriched", 1, 3, null);
        assertThat(tombstone.flow).isNull();
        assertThat(tombstone.deadLetter.reason).isEqualTo(DeadLetterReason.BAD_ENRICHED_FLOW);
        assertThat(tombstone.deadLetter.message).contains("no value");

        EnrichedMessage binary = EnrichedMessage.read("enriched", 1, 4, new byte[] {'{', (byte) 0xC3, (byte) 0x28});
        assertThat(binary.flow).isNull();
        assertThat(binary.deadLetter.reason).isEqualTo(DeadLetterReason.BAD_ENCODING);
        assertThat(binary.deadLetter.origin).isEqualTo(Origin.kafka("enriched", 1, 4));
    }

    @Test
    void aGiantBadValueKeepsOnlyItsStart() {
        String text = "x".repeat(1_000_000);

        EnrichedMessage message = EnrichedMessage.read("enriched", 0, 0, text.getBytes(StandardCharsets.UTF_8));

        assertThat(message.deadLetter.raw).hasSize(DeadLetter.MAX_RAW_CHARS);
        assertThat(message.deadLetter.rawLength).isEqualTo(text.length());
    }
}
