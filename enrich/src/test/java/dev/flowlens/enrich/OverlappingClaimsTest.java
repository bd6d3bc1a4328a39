package dev.flowlens.enrich;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One owner per address: a task created while the previous owner still holds its address (PROVISIONING) takes it
 * only at the previous owner's known end; an unknown end (STOPPED lost) is cut by the newer claim, and the span the
 * evidence cannot tell is {@code owner-uncertain}, never a confident answer. East-west flows, both ends, in every
 * arrival order of the metadata.
 */
class OverlappingClaimsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String SHARED = "10.0.1.50";
    private static final String CALLER = "10.0.2.20";

    /** The old owner stops at T0+10 min; the new one is created at T0+8 min and waits for the address. */
    private static List<TaskState> knownStop() {
        return List.of(
                task("old").service("api").ip(SHARED).createdAt(T0).version(3).observedAt(T0 + 20_000).build(),
                task("old").service("api").ip(SHARED).createdAt(T0).stoppedAt(T0 + 600_000).build(),
                task("new").service("cart").ip(SHARED).createdAt(T0 + 480_000).startedAt(T0 + 620_000).build(),
                caller());
    }

    /** As {@link #knownStop}, but the old owner's STOPPED event was lost. */
    private static List<TaskState> lostStop() {
        return List.of(
                task("old").service("api").ip(SHARED).createdAt(T0).version(3).observedAt(T0 + 20_000).build(),
                task("new").service("cart").ip(SHARED).createdAt(T0 + 480_000).startedAt(T0 + 620_000).build(),
                caller());
    }

    private static TaskState caller() {
        return task("web").service("web").ip(CALLER).createdAt(T0 - 3_600_000).observedAt(T0).build();
    }

    @Test
    void theOldOwnersLastFlowsStayItsOwnWhenTheNewTaskWasCreatedBeforeItStopped() {
        for (List<TaskState> order : orders(knownStop())) {
            FlowAttributor attributor = attributor(order);
            // nine minutes in: the new task exists (PROVISIONING) but the old one still holds the address
            EnrichedFlow last = eastWest(attributor, T0 + 540_000);
            assertThat(last.src.task.taskId).isEqualTo("web");
            assertThat(last.dst.task.taskId).as("order %s", ids(order)).isEqualTo("old");
            EnrichedFlow next = eastWest(attributor, T0 + 630_000);
            assertThat(next.src.task.taskId).isEqualTo("web");
            assertThat(next.dst.task.taskId).isEqualTo("new");
            // and the answers do not depend on the order the metadata arrived in
            assertThat(eastWest(attributor, T0 + 600_000).dst.task.taskId).isEqualTo("new");
            assertThat(eastWest(attributor, T0 + 599_000).dst.task.taskId).isEqualTo("old");
        }
    }

    @Test
    void anUnknownStopIsCutByTheNewerClaimAndTheSpanNoEvidenceDecidesIsOwnerUncertain() {
        for (List<TaskState> order : orders(lostStop())) {
            FlowAttributor attributor = attributor(order);
            // the old owner was seen at T0+20 s; the new one certainly holds the address from its start, T0+620 s
            EnrichedFlow early = eastWest(attributor, T0 + 10_000);
            assertThat(early.dst.task.taskId).as("order %s", ids(order)).isEqualTo("old");
            for (long at : new long[] {T0 + 60_000, T0 + 540_000, T0 + 600_000, T0 + 619_000}) {
                EnrichedFlow uncertain = eastWest(attributor, at);
                assertThat(uncertain.src.task.taskId).isEqualTo("web");
                assertThat(uncertain.dst.task).as("at %d, order %s", at - T0, ids(order)).isNull();
                assertThat(uncertain.dst.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
                assertThat(uncertain.dst.attributionLabel()).isEqualTo("unattributed:owner-uncertain");
            }
            EnrichedFlow late = eastWest(attributor, T0 + 620_000);
            assertThat(late.src.task.taskId).isEqualTo("web");
            assertThat(late.dst.task.taskId).isEqualTo("new");
        }
    }

    @Test
    void inTheUncertainSpanTheOwnInterfaceStillProvesItsTask() {
        FlowAttributor attributor = attributor(lostStop());
        // the old task's own ENI recorded the reply: only it could have, so that end is the old task's
        EnrichedFlow reply = attributor.enrich(flow().interfaceId("eni-old").from(SHARED).to(CALLER)
                .at((T0 + 540_000) / 1000).build());
        assertThat(reply.src.task.taskId).isEqualTo("old");
        assertThat(reply.dst.task.taskId).isEqualTo("web");
    }

    @Test
    void aClaimInsideAKnownHoldTakesNothingFromIt() {
        List<TaskState> states = new ArrayList<>(knownStop());
        // a task created and stopped while the old one held the address never got it
        states.add(task("ghost").service("x").ip(SHARED).createdAt(T0 + 100_000).stoppedAt(T0 + 200_000).build());
        for (List<TaskState> order : orders(states)) {
            assertThat(eastWest(attributor(order), T0 + 150_000).dst.task.taskId).isEqualTo("old");
        }
    }

    private static EnrichedFlow eastWest(FlowAttributor attributor, long atMillis) {
        return attributor.enrich(flow().interfaceId("eni-web").from(CALLER).to(SHARED).port(8080)
                .at(atMillis / 1000).build());
    }

    private static FlowAttributor attributor(List<TaskState> states) {
        AttributionIndex index = new AttributionIndex(86_400_000L);
        states.forEach(state -> index.apply(state.copy()));
        return new FlowAttributor(index, new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(),
                Map.of()));
    }

    /** Every order of the observations (they are few). */
    private static List<List<TaskState>> orders(List<TaskState> states) {
        List<List<TaskState>> orders = new ArrayList<>();
        permute(new ArrayList<>(states), 0, orders);
        return orders;
    }

    private static void permute(List<TaskState> states, int k, List<List<TaskState>> out) {
        if (k == states.size()) {
            out.add(new ArrayList<>(states));
            return;
        }
        for (int i = k; i < states.size(); i++) {
            Collections.swap(states, k, i);
            permute(states, k + 1, out);
            Collections.swap(states, k, i);
        }
    }

    private static List<String> ids(List<TaskState> order) {
        return order.stream().map(s -> s.identity.taskId + "/" + s.lastStatus).toList();
    }
}
