package dev.flowlens.sim;

import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.UnattributedReason;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import dev.flowlens.testkit.EnrichedFlowBuilder;
import dev.flowlens.testkit.EnrichedFlows;
import dev.flowlens.testkit.Flows;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator on a hand-built case where the right scores are known. */
class EvaluatorTest {
    @TempDir
    Path dir;

    @Test
    void scoresEachEndAndTheNaiveJoin() throws Exception {
        Files.createDirectories(dir.resolve("truth"));
        Files.createDirectories(dir.resolve("metadata"));
        // two records from 10.0.0.5: the first while task A held it, the second after task B took it over
        Files.writeString(dir.resolve("truth/flows.tsv"), "key\tsrc_task\tdst_task\ttags\n"
                + "eni-a|10.0.0.5|40000|52.216.1.1|443|6|100\tA\t-\t-\n"
                + "eni-b|10.0.0.5|40001|52.216.1.1|443|6|900\tB\t-\treused-ip\n"
                + "eni-b|10.0.0.5|40002|10.0.0.9|80|6|950\tB\tC\treused-ip\n"
                + "eni-x|10.0.0.5|40003|52.216.1.1|443|6|990\tB\t-\treused-ip\n");
        Files.writeString(dir.resolve("metadata/snapshot.json"), "{\"tasks\":[]}");
        Files.writeString(dir.resolve("metadata/events.jsonl"), event("A", "10.0.0.5", 1) + "\n"
                + event("B", "10.0.0.5", 2) + "\n" + event("C", "10.0.0.9", 3) + "\n");
        Path enriched = dir.resolve("enriched.jsonl");
        Files.write(enriched, List.of(
                json(EnrichedFlows.enriched(flow("eni-a", 40000, "52.216.1.1", 443, 100))
                        .srcTask(task("A").identity())),
                json(EnrichedFlows.enriched(flow("eni-b", 40001, "52.216.1.1", 443, 900))
                        .srcUnattributed(UnattributedReason.GAP_BETWEEN_OWNERS)),
                json(EnrichedFlows.enriched(flow("eni-b", 40002, "10.0.0.9", 80, 950)).srcTask(task("B").identity())
                        .dstTask(task("A").identity())),
                json(EnrichedFlows.enriched(flow("eni-z", 1, "1.1.1.1", 1, 1)))));

        Evaluation evaluation = new Evaluator().evaluate(dir, List.of(enriched));

        assertThat(evaluation.records).isEqualTo(4);
        assertThat(evaluation.missing).isEqualTo(1); // eni-x has no enriched flow
        assertThat(evaluation.unexpected).isEqualTo(1); // eni-z has no truth
        // ends: A✓ -✓ | unattributed -✓ | B✓ C✗(A) = 6 ends: 4 correct, 1 wrong, 1 unattributed
        assertThat(evaluation.flowlens.ends).isEqualTo(6);
        assertThat(evaluation.flowlens.correct()).isEqualTo(4);
        assertThat(evaluation.flowlens.wrong()).isEqualTo(1);
        assertThat(evaluation.flowlens.outcomes).containsEntry("unattributed:gap-between-owners", 1L);
        // naive: 10.0.0.5 -> B always (the last event), 10.0.0.9 -> C; first record's src is wrong
        assertThat(evaluation.naive.correct()).isEqualTo(5);
        assertThat(evaluation.naive.wrong()).isEqualTo(1);
        assertThat(evaluation.flowlensBySituation.get("reused-ip").ends).isEqualTo(4);
        assertThat(evaluation.attributionMethods).containsEntry("ip-time", 3L).containsEntry("unattributed", 3L);
    }

    @Test
    void scoresTheGroupsOfEachEndWhoseTrueOwnerIsATask() throws Exception {
        Files.createDirectories(dir.resolve("truth"));
        Files.createDirectories(dir.resolve("metadata"));
        Files.writeString(dir.resolve("truth/flows.tsv"), "key\tsrc_task\tdst_task\ttags\n"
                + "eni-a|10.0.0.5|40000|10.0.0.9|80|6|100\tA\tC\t-\n"
                + "eni-b|10.0.0.5|40001|52.216.1.1|443|6|900\tB\t-\t-\n");
        Files.writeString(dir.resolve("truth/tasks.tsv"), "task_id\tservice\tsecurity_groups\n"
                + "A\tapi\tsg-1,sg-2\nB\tweb\tsg-3\nC\tdb\tsg-4\n");
        Files.writeString(dir.resolve("metadata/snapshot.json"), "{\"tasks\":[]}");
        Files.writeString(dir.resolve("metadata/events.jsonl"), "");
        dev.flowlens.schemas.TaskIdentity unknown = task("C").identity();
        unknown.securityGroups = null;
        Path enriched = dir.resolve("enriched.jsonl");
        Files.write(enriched, List.of(
                json(EnrichedFlows.enriched(flow("eni-a", 40000, "10.0.0.9", 80, 100))
                        .srcTask(task("A").securityGroups("sg-2", "sg-1").identity()).dstTask(unknown)),
                json(EnrichedFlows.enriched(flow("eni-b", 40001, "52.216.1.1", 443, 900))
                        .srcTask(task("B").securityGroups("sg-1").identity()))));

        Evaluation evaluation = new Evaluator().evaluate(dir, List.of(enriched));

        // A: the same set in another order; C: null, unknown; B: another set; the internet end is not scored
        assertThat(evaluation.securityGroups.ends).isEqualTo(3);
        assertThat(evaluation.securityGroups.correct()).isEqualTo(1);
        assertThat(evaluation.securityGroups.wrong()).isEqualTo(1);
        assertThat(evaluation.securityGroups.outcomes).containsEntry("unknown", 1L);
        assertThat(evaluation.taskEnds).isEqualTo(3);
        assertThat(evaluation.taskEndsWithGroups).isEqualTo(2);
    }

    private static String event(String id, String ip, int minute) {
        return "{\"detail-type\":\"ECS Task State Change\",\"account\":\"1\",\"region\":\"r\",\"detail\":{"
                + "\"taskArn\":\"arn:aws:ecs:r:1:task/c/" + id + "\",\"version\":2,\"lastStatus\":\"RUNNING\","
                + "\"createdAt\":\"2024-01-01T00:0" + minute + ":00Z\",\"attachments\":[{\"type\":\"eni\","
                + "\"details\":[{\"name\":\"privateIPv4Address\",\"value\":\"" + ip + "\"}]}]}}";
    }

    /** A record from 10.0.0.5. */
    private static FlowRecord flow(String eni, int srcPort, String dst, int dstPort, long start) {
        return Flows.flow().interfaceId(eni).from("10.0.0.5").srcPort(srcPort).to(dst).port(dstPort).at(start).build();
    }

    /** The flow as the enrichment job writes it: one JSON line. */
    private static String json(EnrichedFlowBuilder flow) throws IOException {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(line)) {
            EnrichedFlowJson.write(json, flow.build());
        }
        return line.toString();
    }
}
