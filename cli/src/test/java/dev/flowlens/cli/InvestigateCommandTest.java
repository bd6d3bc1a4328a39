package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.kit.sinks.EnrichedFlowParquet;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens investigate} end to end on a hand-made dataset whose answers are worked out by hand. */
class InvestigateCommandTest {
    @TempDir
    static Path dir;
    static Path dataset;

    /**
     * Two tasks of cluster prod send to S3 (52.94.1.1): web's task-a 1,000 bytes at 09:10 and 300 at 10:05, api's
     * task-b 500 bytes at 09:20, rejected; and task-a talks to an internet address, 70 bytes at 09:30.
     */
    @BeforeAll
    static void writeDataset() throws IOException {
        dataset = dir.resolve("parquet");
        EnrichedFlow a1 = flow(task("task-a", "web", "sg-1"), "10.0.1.5", null, "52.94.1.1", "2024-05-06T09:10:00Z",
                1000, 10, "ACCEPT");
        EnrichedFlow b = flow(task("task-b", "api", "sg-2"), "10.0.2.6", null, "52.94.1.1", "2024-05-06T09:20:00Z",
                500, 5, "REJECT");
        EnrichedFlow internet = flow(task("task-a", "web", "sg-1"), "10.0.1.5", PeerClass.INTERNET, "203.0.113.9",
                "2024-05-06T09:30:00Z", 70, 1, "ACCEPT");
        EnrichedFlow a2 = flow(task("task-a", "web", "sg-1"), "10.0.1.5", null, "52.94.1.1", "2024-05-06T10:05:00Z",
                300, 3, "ACCEPT");
        write(dataset.resolve("dt=2024-05-06/hour=09/flows-0.snappy.parquet"), List.of(a1, b, internet));
        write(dataset.resolve("dt=2024-05-06/hour=10/flows-0.snappy.parquet"), List.of(a2));
    }

    @Test
    void whoTalkedToAnAwsServiceAsCsv() {
        Cli.Run run = Cli.run("", "investigate", "--dataset", dataset.toString(), "--aws-service", "s3",
                "--format", "csv");
        assertThat(run.errText()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outText()).isEqualTo("""
                task_id,service,cluster,security_groups,address,peer_class,aws_service,first_seen,last_seen,flows,\
                bytes,packets,accepted,rejected
                task-a,web,prod,sg-1,,task,,2024-05-06T09:10:00Z,2024-05-06T10:06:00Z,2,1300,13,2,0
                task-b,api,prod,sg-2,,task,,2024-05-06T09:20:00Z,2024-05-06T09:21:00Z,1,500,5,0,1
                """);

        Cli.Run tenOClock = Cli.run("", "investigate", "--dataset", dataset.toString(), "--address", "52.94.1.1",
                "--from", "2024-05-06T10:00:00Z", "--until", "2024-05-06", "--format", "csv", "--explain");
        assertThat(tenOClock.exitCode()).isZero();
        assertThat(tenOClock.outText()).endsWith(
                "task-a,web,prod,sg-1,,task,,2024-05-06T10:05:00Z,2024-05-06T10:06:00Z,1,300,3,1,0\n");
        assertThat(tenOClock.outText().lines()).hasSize(2);
        assertThat(tenOClock.errText()).contains("partitions: 1 kept, 1 skipped by their dt=/hour= names")
                .contains("skipped dt=2024-05-06/hour=09").contains("read_parquet(");
    }

    @Test
    void whatATaskTalkedToAsJsonAndTable() {
        Cli.Run json = Cli.run("", "investigate", "--dataset", dataset.toString(), "--task", "task-a",
                "--format", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.outText()).isEqualTo("{\"subject-kind\":\"task\",\"subject\":\"task-a\",\"from\":null,"
                + "\"until\":null,\"rows\":[{\"task_id\":null,\"service\":null,\"cluster\":null,"
                + "\"security_groups\":null,\"address\":\"52.94.1.1\",\"peer_class\":\"aws-service\","
                + "\"aws_service\":\"S3\",\"first_seen\":\"2024-05-06T09:10:00Z\",\"last_seen\":"
                + "\"2024-05-06T10:06:00Z\",\"flows\":2,\"bytes\":1300,\"packets\":13,\"accepted\":2,\"rejected\":0},"
                + "{\"task_id\":null,\"service\":null,\"cluster\":null,\"security_groups\":null,\"address\":"
                + "\"203.0.113.9\",\"peer_class\":\"internet\",\"aws_service\":null,\"first_seen\":"
                + "\"2024-05-06T09:30:00Z\",\"last_seen\":\"2024-05-06T09:31:00Z\",\"flows\":1,\"bytes\":70,"
                + "\"packets\":1,\"accepted\":1,\"rejected\":0}]}\n");

        Cli.Run table = Cli.run("", "investigate", "--dataset", dataset.toString(), "--service", "prod/web");
        assertThat(table.exitCode()).isZero();
        assertThat(table.outText().lines().toList()).containsExactly(
                "COUNTERPART  SERVICE  CLUSTER  SECURITY GROUPS  PEER            FIRST SEEN            LAST SEEN"
                        + "             FLOWS  BYTES  PACKETS  ACCEPTED  REJECTED",
                "52.94.1.1    -        -        ?                aws-service S3  2024-05-06T09:10:00Z"
                        + "  2024-05-06T10:06:00Z      2  1,300       13         2         0",
                "203.0.113.9  -        -        ?                internet        2024-05-06T09:30:00Z"
                        + "  2024-05-06T09:31:00Z      1     70        1         1         0",
                "2 counterparts of service prod/web");
    }

    @Test
    void badInputIsOneLineAndAUsageOrIncompleteExit() throws IOException {
        Cli.Run missing = Cli.run("", "investigate", "--dataset", dir.resolve("nowhere").toString(), "--port", "443");
        assertThat(missing.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(missing.errText()).startsWith("flowlens investigate: the dataset '").contains("is not a directory")
                .hasLineCount(1);

        Cli.Run cidr = Cli.run("", "investigate", "--dataset", dataset.toString(), "--cidr", "10.0.0.0/40");
        assertThat(cidr.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(cidr.errText()).isEqualTo("flowlens investigate: '10.0.0.0/40' is not an IPv4 CIDR block (such as"
                + " 10.0.0.0/16)\n");

        Cli.Run time = Cli.run("", "investigate", "--dataset", dataset.toString(), "--port", "443", "--from", "noon");
        assertThat(time.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(time.errText()).contains("--from 'noon' is not an ISO instant").hasLineCount(1);

        Cli.Run two = Cli.run("", "investigate", "--dataset", dataset.toString(), "--port", "443", "--task", "x");
        assertThat(two.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(two.errText()).hasLineCount(1);

        Path damaged = dir.resolve("damaged/dt=2024-05-06/hour=09");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve("flows-0.snappy.parquet"), "not parquet");
        Cli.Run unreadable = Cli.run("", "investigate", "--dataset", dir.resolve("damaged").toString(), "--port",
                "443");
        assertThat(unreadable.exitCode()).isEqualTo(Flowlens.EXIT_INCOMPLETE);
        assertThat(unreadable.errText()).startsWith("flowlens investigate: cannot read the dataset's files")
                .hasLineCount(1);
    }

    @Test
    void summarizeThenInvestigateAnswersTheSameFromTheSummaries() throws IOException {
        Path copy = dir.resolve("summarized");
        for (String hour : List.of("dt=2024-05-06/hour=09", "dt=2024-05-06/hour=10")) {
            Files.createDirectories(copy.resolve(hour));
            Files.copy(dataset.resolve(hour).resolve("flows-0.snappy.parquet"),
                    copy.resolve(hour).resolve("flows-0.snappy.parquet"));
        }
        Cli.Run summarize = Cli.run("", "summarize", "--dataset", copy.toString());
        assertThat(summarize.errText()).isEmpty();
        assertThat(summarize.exitCode()).isZero();
        assertThat(summarize.outText()).contains("written  dt=2024-05-06/hour=09: 3 flows in 1 files as 3 rows")
                .contains("written  dt=2024-05-06/hour=10: 1 flows in 1 files as 1 rows")
                .contains("written  dt=2024-05-06 (the day's hours): 4 flows in 2 files as 3 rows") // task-a to S3 twice
                .endsWith("2 hours: 2 summaries written (4 flows as 4 rows), 0 already current, 0 not summarized;"
                        + " 1 days: 1 written, 0 already current\n");
        assertThat(copy.resolve("_summaries/dt=2024-05-06/hour=09/flows.summary")).isRegularFile();
        assertThat(Cli.run("", "summarize", "--dataset", copy.toString()).outText())
                .isEqualTo("2 hours: 0 summaries written (0 flows as 0 rows), 2 already current, 0 not summarized;"
                        + " 1 days: 0 written, 1 already current\n");

        Cli.Run with = Cli.run("", "investigate", "--dataset", copy.toString(), "--aws-service", "s3", "--format",
                "csv", "--explain");
        Cli.Run without = Cli.run("", "investigate", "--dataset", copy.toString(), "--aws-service", "s3", "--format",
                "csv", "--no-summaries", "--explain");
        assertThat(with.exitCode()).isZero();
        assertThat(with.outText()).isEqualTo(without.outText()).isEqualTo(Cli.run("", "investigate", "--dataset",
                dataset.toString(), "--aws-service", "s3", "--format", "csv").outText());
        assertThat(with.errText()).contains("hour summaries: 2 hours from their summaries (1 files, 1 of them a whole"
                + " day's").contains("_summaries/dt=2024-05-06/flows.summary");
        assertThat(without.errText()).contains("raw: 2 hours: summaries not used (--no-summaries)")
                .doesNotContain("flows.summary");
        assertThat(Cli.run("", "investigate", "--dataset", copy.toString(), "--port", "443", "--explain").errText())
                .contains("raw: 2 hours: ports are not in the summaries");
    }

    /**
     * Flows the query's filters treat apart stay apart in the summaries: a flow without a start (its end at 09:40,
     * 2,000 bytes) counts over an open range and not over a bounded one; a NODATA record never counts.
     */
    @Test
    void aFlowWithoutAStartAndANodataRecordAnswerFromSummariesAsFromTheFlows() throws IOException {
        Path copy = dir.resolve("special");
        EnrichedFlow noStart = flow(task("task-a", "web", "sg-1"), "10.0.1.5", null, "52.94.1.1",
                "2024-05-06T09:39:00Z", 2000, 20, "ACCEPT");
        noStart.record.start = null;
        EnrichedFlow noData = flow(task("task-a", "web", "sg-1"), "10.0.1.5", null, "52.94.1.1",
                "2024-05-06T09:45:00Z", 0, 0, null);
        noData.record.logStatus = "NODATA";
        write(copy.resolve("dt=2024-05-06/hour=09/flows-0.snappy.parquet"), List.of(noStart, noData));
        Files.copy(dataset.resolve("dt=2024-05-06/hour=09/flows-0.snappy.parquet"),
                copy.resolve("dt=2024-05-06/hour=09/flows-1.snappy.parquet"));
        assertThat(Cli.run("", "summarize", "--dataset", copy.toString()).exitCode()).isZero();
        for (String[] range : new String[][] {{}, {"--from", "2024-05-06", "--until", "2024-05-06"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("investigate", "--dataset", copy.toString(),
                    "--aws-service", "s3", "--format", "csv", "--explain"));
            args.addAll(List.of(range));
            Cli.Run with = Cli.run("", args.toArray(String[]::new));
            args.add("--no-summaries");
            Cli.Run without = Cli.run("", args.toArray(String[]::new));
            assertThat(with.errText()).contains("hour summaries: 1 hours from their summaries");
            assertThat(with.outText()).isEqualTo(without.outText());
            assertThat(with.outText()).contains(range.length == 0
                    ? "task-a,web,prod,sg-1,,task,,2024-05-06T09:10:00Z,2024-05-06T09:40:00Z,2,3000,30,2,0"
                    : "task-a,web,prod,sg-1,,task,,2024-05-06T09:10:00Z,2024-05-06T09:11:00Z,1,1000,10,1,0");
        }
    }

    private static TaskIdentity task(String id, String service, String group) {
        TaskIdentity task = new TaskIdentity();
        task.taskId = id;
        task.taskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + id;
        task.serviceName = service;
        task.clusterName = "prod";
        task.securityGroups = List.of(group);
        return task;
    }

    private static EnrichedFlow flow(TaskIdentity src, String srcAddr, PeerClass dstClass, String dstAddr,
            String start, long bytes, long packets, String action) {
        FlowRecord record = new FlowRecord();
        record.version = 2;
        record.srcAddr = srcAddr;
        record.dstAddr = dstAddr;
        record.srcPort = 40000;
        record.dstPort = 443;
        record.protocol = 6;
        record.start = Instant.parse(start).getEpochSecond();
        record.end = record.start + 60;
        record.bytes = bytes;
        record.packets = packets;
        record.action = action;
        record.logStatus = "OK";
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = new FlowEndpoint();
        flow.src.address = srcAddr;
        flow.src.task = src;
        flow.src.attribution = AttributionMethod.IP_TIME;
        flow.src.peerClass = PeerClass.TASK;
        flow.dst = new FlowEndpoint();
        flow.dst.address = dstAddr;
        flow.dst.peerClass = dstClass == null ? PeerClass.AWS_SERVICE : dstClass;
        flow.dst.awsService = dstClass == null ? "S3" : null;
        flow.direction = FlowDirection.EGRESS;
        return flow;
    }

    private static void write(Path file, List<EnrichedFlow> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<EnrichedFlow> writer = EnrichedFlowParquet.builder().createWriter(new LocalOutputFile(file))) {
            for (EnrichedFlow row : rows) {
                writer.write(row);
            }
        }
    }
}
