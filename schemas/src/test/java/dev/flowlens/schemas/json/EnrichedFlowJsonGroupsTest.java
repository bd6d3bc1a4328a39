package dev.flowlens.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code security-groups}: null while no source knows them, an array (possibly empty) once one does. */
class EnrichedFlowJsonGroupsTest {

    @Test
    void unknownGroupsAreNullAndKnownOnesAnArray() throws Exception {
        assertThat(json(null)).contains("\"security-groups\":null");
        assertThat(json(List.of())).contains("\"security-groups\":[]");
        assertThat(json(List.of("sg-1", "sg-2"))).contains("\"security-groups\":[\"sg-1\",\"sg-2\"]");
    }

    @Test
    void aCopyKeepsUnknownGroupsUnknown() {
        TaskIdentity task = new TaskIdentity();
        assertThat(task.securityGroups).isNull();
        assertThat(task.copy().securityGroups).isNull();
    }

    private static String json(List<String> groups) throws Exception {
        TaskIdentity task = new TaskIdentity();
        task.taskId = "t1";
        task.securityGroups = groups == null ? null : new ArrayList<>(groups);
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = new FlowRecord();
        flow.src = new FlowEndpoint();
        flow.src.task = task;
        flow.dst = new FlowEndpoint();
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            EnrichedFlowJson.write(json, flow);
        }
        return text.toString();
    }
}
