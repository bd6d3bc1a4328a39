package dev.flowlens.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.UnattributedReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskStateChangeEventsTest {
    private final TaskStateChangeEvents events = new TaskStateChangeEvents();

    @Test
    void documentedRunningFargateEvent() throws Exception {
        TaskState state = events.parse(resource("running-fargate.json"));
        TaskIdentity task = state.identity;

        assertThat(state.version).isEqualTo(4);
        assertThat(state.lastStatus).isEqualTo("RUNNING");
        assertThat(task.accountId).isEqualTo("111122223333");
        assertThat(task.region).isEqualTo("us-west-2");
        assertThat(task.clusterName).isEqualTo("FargateCluster");
        assertThat(task.taskId).isEqualTo("c13b4cb40f1f4fe4a2971f76ae5a47ad");
        assertThat(task.group).isEqualTo("family:sample-fargate");
        assertThat(task.serviceName).isNull(); // a standalone task
        assertThat(task.taskDefinition).isEqualTo("sample-fargate:1");
        assertThat(task.eniId).isEqualTo("eni-abcd1234");
        assertThat(task.privateIpv4).isEqualTo("10.0.0.139");
        assertThat(task.macAddress).isEqualTo("0a:0b:0c:0d:0e:0f");
        assertThat(task.subnetId).isEqualTo("subnet-abcd1234");
        assertThat(task.createdAt).isEqualTo(Instant.parse("2020-01-23T17:57:34.402Z").toEpochMilli());
        assertThat(task.startedAt).isEqualTo(Instant.parse("2020-01-23T17:57:58.103Z").toEpochMilli());
        assertThat(task.stoppedAt).isNull();
    }

    @Test
    void stoppedEventAloneClosesTheHold() throws Exception {
        TaskState state = events.parse(resource("stopped-service-task.json"));
        AttributionIndex index = new AttributionIndex(86_400_000L);
        index.apply(state);

        assertThat(state.identity.serviceName).isEqualTo("checkout");
        assertThat(state.identity.capacityProvider).isEqualTo("FARGATE_SPOT");
        long stoppedAt = Instant.parse("2024-05-06T10:15:44.297Z").toEpochMilli();
        assertThat(state.identity.stoppedAt).isEqualTo(stoppedAt);
        assertThat(index.lookup("10.0.12.34", stoppedAt - 1).task().taskId)
                .isEqualTo("0f2c8a6b9d4e4f1a8b7c6d5e4f3a2b1c");
        index.advanceKnownUntil(stoppedAt + 600_000);
        assertThat(index.lookup("10.0.12.34", stoppedAt + 1).reason())
                .isEqualTo(UnattributedReason.AFTER_LAST_OWNER);
    }

    @Test
    void stoppedWithoutStoppedAtUsesTheUpdateTime() throws Exception {
        String json = new String(resource("stopped-service-task.json"), StandardCharsets.UTF_8)
                .replace("\"stoppedAt\": \"2024-05-06T10:15:44.297Z\",", "");
        TaskState state = events.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(state.identity.stoppedAt).isEqualTo(Instant.parse("2024-05-06T10:15:44.297Z").toEpochMilli());
    }

    @Test
    void describeTasksSpellingOfTheAttachment() throws Exception {
        String json = new String(resource("running-fargate.json"), StandardCharsets.UTF_8)
                .replace("\"type\": \"eni\"", "\"type\": \"ElasticNetworkInterface\"");
        assertThat(events.parse(json.getBytes(StandardCharsets.UTF_8)).identity.eniId).isEqualTo("eni-abcd1234");
    }

    @Test
    void malformedEventsSayWhatIsWrong() {
        assertThatThrownBy(() -> events.parse("{".getBytes())).isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> events.parse("[]".getBytes())).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> events.parse("{\"detail-type\":\"EC2 Instance State-change Notification\"}"
                .getBytes())).hasMessageContaining("not an ECS Task State Change");
        assertThatThrownBy(() -> events.parse(("{\"detail-type\":\"ECS Task State Change\",\"detail\":"
                + "{\"version\":1}}").getBytes())).hasMessageContaining("taskArn");
        assertThatThrownBy(() -> events.parse(("{\"detail-type\":\"ECS Task State Change\",\"detail\":"
                + "{\"taskArn\":\"arn:x/t\",\"createdAt\":\"yesterday\",\"version\":1}}").getBytes()))
                .hasMessageContaining("createdAt");
        assertThatThrownBy(() -> events.parse(("{\"detail-type\":\"ECS Task State Change\",\"detail\":"
                + "{\"taskArn\":\"arn:x/t\"}}").getBytes())).hasMessageContaining("version");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TaskStateChangeEventsTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }
}
