package dev.flowlens.jobs.enrich.operators;

import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The jobs' index knows the interfaces no task owns from the account's exports: a record of a trunk ENI without
 * {@code account-id}/{@code vpc-id} is attributed within the trunk's VPC, where two VPCs of one account hold the
 * same address at once; without that description the index cannot tell and says so.
 */
class InterfaceScopesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long START = T0 / 1000 + 600;
    private static final String ACCOUNT = "111111111111";

    private static TaskState in(String vpc, String id, String ip) {
        TaskState state = task(id).service("web-" + vpc).ip(ip).eni("eni-" + id).createdAt(T0).version(3)
                .lastStatus("RUNNING").observedAt(T0 + 3_600_000).build();
        state.identity.accountId = ACCOUNT;
        state.identity.vpcId = vpc;
        state.identity.taskArn = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/prod/" + id;
        state.identity.launchType = "EC2"; // a branch ENI: its records may come from the instance's trunk
        state.identity.interfaceType = "branch";
        return state;
    }

    @Test
    void aTrunksRecordsAreAttributedInTheTrunksVpc() throws Exception {
        Map<String, List<String>> scopes = Map.of("eni-trunk-b", Arrays.asList(ACCOUNT, "vpc-b"));
        assertThat(sourceTask(scopes)).isEqualTo("in-b");
        assertThat(sourceTask(Map.of())).as("unscoped: two owners at once, neither named").isNull();
    }

    private static String sourceTask(Map<String, List<String>> scopes) throws Exception {
        IndexSettings settings = new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of())
                .withInterfaceScopes(scopes);
        try (BroadcastOperatorTestHarness<FlowRecord, TaskState, EnrichedFlow> harness =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new AttributeFlows(settings),
                        BroadcastTaskIndex.TASKS)) {
            harness.open();
            harness.processBroadcastElement(in("vpc-a", "in-a", "10.0.1.10"), T0);
            harness.processBroadcastElement(in("vpc-b", "in-b", "10.0.1.10"), T0);
            FlowRecord record = flow().interfaceId("eni-trunk-b").from("10.0.1.10").to("198.51.100.7").at(START)
                    .build();
            record.accountId = null;
            harness.processElement(record, START * 1000);
            EnrichedFlow enriched = harness.extractOutputValues().get(0);
            return enriched.src.task == null ? null : enriched.src.task.taskId;
        }
    }
}
