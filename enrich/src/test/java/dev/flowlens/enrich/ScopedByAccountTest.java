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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two accounts reuse 10.0.0.0/16: a central pipeline reading both accounts' flow logs must never give one account's
 * flow to the other's task. Both ends are looked up in the recording interface's account ({@code account-id}), and
 * one account's claims never cut another's.
 */
class ScopedByAccountTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static final String SHARED = "10.0.1.5";

    private static TaskState inAccount(String account, TaskState state) {
        state.identity.accountId = account;
        state.identity.taskArn = state.identity.taskArn.replace(A, account);
        return state;
    }

    private static FlowAttributor attributor() {
        AttributionIndex index = new AttributionIndex(86_400_000L);
        // account A's api holds 10.0.1.5 (its STOPPED lost or still running); account B's cart takes the same
        // address in its own VPC an hour later
        index.apply(inAccount(A, task("api").service("api").ip(SHARED).eni("eni-a-api").createdAt(T0).build()));
        index.apply(inAccount(A, task("web").service("web").ip("10.0.2.20").eni("eni-a-web").createdAt(T0).build()));
        index.apply(inAccount(B, task("cart").service("cart").ip(SHARED).eni("eni-b-cart").createdAt(T0 + 3_600_000)
                .build()));
        index.apply(inAccount(B, task("shop").service("shop").ip("10.0.2.20").eni("eni-b-shop").createdAt(T0)
                .build()));
        return new FlowAttributor(index, new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(),
                Map.of()));
    }

    @Test
    void eachAccountsFlowsNameOnlyThatAccountsTasks() {
        FlowAttributor attributor = attributor();
        long at = (T0 + 7_200_000) / 1000;
        EnrichedFlow inA = attributor.enrich(flow().accountId(A).interfaceId("eni-a-web").from("10.0.2.20")
                .to(SHARED).port(8080).at(at).build());
        assertThat(inA.src.task.taskId).isEqualTo("web");
        assertThat(inA.dst.task.taskId).as("B's newer claim does not cut A's hold").isEqualTo("api");
        assertThat(inA.dst.task.accountId).isEqualTo(A);

        EnrichedFlow inB = attributor.enrich(flow().accountId(B).interfaceId("eni-b-shop").from("10.0.2.20")
                .to(SHARED).port(8080).at(at).build());
        assertThat(inB.src.task.taskId).isEqualTo("shop");
        assertThat(inB.dst.task.taskId).isEqualTo("cart");
        assertThat(inB.dst.task.accountId).isEqualTo(B);

        // before B's task existed, B's flows to the address find nobody in B, never A's task
        EnrichedFlow early = attributor.enrich(flow().accountId(B).interfaceId("eni-b-shop").from("10.0.2.20")
                .to(SHARED).port(8080).at((T0 + 600_000) / 1000).build());
        assertThat(early.dst.task).isNull();
    }

    @Test
    void withoutAnAccountTwoAccountsOwnersAreUncertain() {
        EnrichedFlow flow = attributor().enrich(flow().accountId(null).interfaceId("eni-x").from("52.94.1.1")
                .to(SHARED).at((T0 + 7_200_000) / 1000).build());
        assertThat(flow.dst.task).isNull();
        assertThat(flow.dst.unattributedReason).isEqualTo(UnattributedReason.OWNER_UNCERTAIN);
    }
}
