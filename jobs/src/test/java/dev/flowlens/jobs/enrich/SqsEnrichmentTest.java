package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * S3 via SQS, the way log shippers ingest flow logs from a bucket: S3 event notifications on an SQS queue (ElasticMQ
 * in-process, the real SQS wire protocol), objects in S3Proxy, ECS task events on another queue (as an EventBridge
 * rule delivers them), the streaming job reading all through the AWS SDK. A message is deleted only after a
 * checkpoint covers its records.
 */
class SqsEnrichmentTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(4);

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(60);
    private static S3Server s3;
    private static SQSRestServer elasticMq;
    private static String sqsEndpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        s3 = S3Server.start();
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsEndpoint = "http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort();
    }

    @AfterAll
    static void stopServers() throws Exception {
        s3.close();
        elasticMq.stopAndWait();
    }

    @Test
    void notificationsOnSqsAreReadOnceAndDeletedAfterTheCheckpoint() throws Exception {
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(17)), scenario,
                ScenarioWriter.Layout.S3).write();
        String bucket = "via-sqs";
        List<String> keys = new ArrayList<>(s3.upload(bucket, scenario.resolve("flowlogs")));
        // A later record between internet addresses moves event time past the hold-back of the last flows.
        String clockKey = "clock/clock.log";
        s3.put(bucket, clockKey, Judged.clockRecordBytes(4102444800L));
        keys.add(clockKey);

        AwsSettings aws = new AwsSettings("us-east-1", s3.endpoint(), true, sqsEndpoint);
        String queueUrl;
        String eventsUrl;
        try (SqsClient sqs = aws.sqs()) {
            eventsUrl = sqs.createQueue(b -> b.queueName("task-events")).queueUrl();
            for (String event : Files.readAllLines(scenario.resolve("metadata/events.jsonl"))) {
                sqs.sendMessage(b -> b.queueUrl(eventsUrl).messageBody(event));
            }
            queueUrl = sqs.createQueue(b -> b.queueName("flow-log-objects")).queueUrl();
            for (String key : keys) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(notification(bucket, key)));
            }
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"Service\":\"Amazon S3\","
                    + "\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + bucket + "\"}"));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"Records\":[{\"eventName\":"
                    + "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"}}}]}"));
        }

        Path config = Files.writeString(dir.resolve("sqs.yaml"), String.join("\n",
                "flow-logs:",
                "  source: sqs",
                "  sqs: {queue-url: '" + queueUrl + "', wait-seconds: 1, visibility-timeout: PT1M}",
                "aws: {region: us-east-1, s3: {endpoint: '" + s3.endpoint() + "', path-style: true},"
                        + " sqs: {endpoint: '" + sqsEndpoint + "'}}",
                "metadata:",
                "  sqs: {queue-url: '" + eventsUrl + "', wait-seconds: 1}",
                "  snapshot: " + scenario.resolve("metadata/snapshot.json"),
                "enrichment: {vpc-cidrs: [10.0.0.0/16], idleness: PT1S}",
                "checkpoints: {interval: PT0.3S}",
                "sinks: {enriched-json: " + dir.resolve("out/json") + ", dead-letters: " + dir.resolve("out/dead")
                        + "}",
                ""));
        JobClient job = MiniClusters.submit(config, "sqs test");
        try {
            long records = Files.readAllLines(scenario.resolve("truth/flows.tsv")).size() - 1;
            List<String> enriched = OutputFiles.awaitLines(dir.resolve("out/json"), records + 1, OUTPUT_TIMEOUT);
            assertThat(enriched).hasSize((int) records + 1);
            Judged.everyFlowOnceNoneWrong(scenario, enriched, dir);
            assertThat(OutputFiles.awaitLines(dir.resolve("out/dead"), 1, OUTPUT_TIMEOUT)).singleElement()
                    .satisfies(letter -> assertThat(letter)
                    .contains(queueUrl + "#").contains("BAD_NOTIFICATION"));
            assertThat(awaitQueueEmpty(aws, queueUrl)).as("every message deleted after its checkpoint").isZero();
            assertThat(awaitQueueEmpty(aws, eventsUrl)).as("every event deleted after its checkpoint").isZero();
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Every object announced twice, in two SQS messages of the same notification (S3 delivers at least once; a
     * message whose delete failed, or whose visibility timed out, comes back the same way), to two parallel readers:
     * whichever reader gets each copy, every flow comes out exactly once, and every message is deleted after its
     * checkpoint.
     */
    @Test
    void anObjectAnnouncedTwiceIsReadOnceAcrossReaders() throws Exception {
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(17)), scenario,
                ScenarioWriter.Layout.S3).write();
        String bucket = "announced-twice";
        List<String> keys = new ArrayList<>(s3.upload(bucket, scenario.resolve("flowlogs")));
        String clockKey = "clock/clock.log";
        s3.put(bucket, clockKey, Judged.clockRecordBytes(4102444800L));
        keys.add(clockKey);

        AwsSettings aws = new AwsSettings("us-east-1", s3.endpoint(), true, sqsEndpoint);
        String queueUrl;
        String eventsUrl;
        try (SqsClient sqs = aws.sqs()) {
            eventsUrl = sqs.createQueue(b -> b.queueName("task-events-twice")).queueUrl();
            for (String event : Files.readAllLines(scenario.resolve("metadata/events.jsonl"))) {
                sqs.sendMessage(b -> b.queueUrl(eventsUrl).messageBody(event));
            }
            queueUrl = sqs.createQueue(b -> b.queueName("announced-twice")).queueUrl();
            for (int copy = 0; copy < 2; copy++) {
                for (String key : keys) {
                    String sequencer = String.format("%016X", key.hashCode() & 0xffffffffL);
                    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(notification(bucket, key, sequencer)));
                }
            }
        }

        Path config = Files.writeString(dir.resolve("twice.yaml"), String.join("\n",
                "flow-logs:",
                "  source: sqs",
                "  sqs: {queue-url: '" + queueUrl + "', wait-seconds: 1, visibility-timeout: PT1M}",
                "aws: {region: us-east-1, s3: {endpoint: '" + s3.endpoint() + "', path-style: true},"
                        + " sqs: {endpoint: '" + sqsEndpoint + "'}}",
                "metadata:",
                "  sqs: {queue-url: '" + eventsUrl + "', wait-seconds: 1}",
                "  snapshot: " + scenario.resolve("metadata/snapshot.json"),
                "enrichment: {vpc-cidrs: [10.0.0.0/16], idleness: PT1S}",
                "checkpoints: {interval: PT0.3S}",
                "flink: {parallelism.default: 2}",
                "sinks: {enriched-json: " + dir.resolve("out/json") + ", dead-letters: " + dir.resolve("out/dead")
                        + "}",
                ""));
        JobClient job = MiniClusters.submit(config, "sqs announced twice test");
        try {
            long records = Files.readAllLines(scenario.resolve("truth/flows.tsv")).size() - 1;
            OutputFiles.awaitLines(dir.resolve("out/json"), records + 1, OUTPUT_TIMEOUT);
            // Every message deleted: every copy was read and its output is in a completed checkpoint...
            assertThat(awaitQueueEmpty(aws, queueUrl)).as("every message deleted after its checkpoint").isZero();
            // ... and committed once no part file is still in progress; only then is the count final.
            assertThat(awaitNothingInProgress(dir.resolve("out/json"))).as("output files in progress").isEmpty();
            List<String> enriched = OutputFiles.lines(dir.resolve("out/json"));
            assertThat(enriched).hasSize((int) records + 1);
            Judged.everyFlowOnceNoneWrong(scenario, enriched, dir);
            assertThat(OutputFiles.lines(dir.resolve("out/dead"))).isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    /** The hidden in-progress part files under {@code root}, polled until there are none or 20 s passed. */
    private static List<Path> awaitNothingInProgress(Path root) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<Path> inProgress;
            try (Stream<Path> walk = Files.walk(root)) {
                inProgress = walk.filter(file -> file.getFileName().toString().startsWith(".part-")).toList();
            } catch (NoSuchFileException | UncheckedIOException e) {
                continue; // a file committed while we listed
            }
            if (inProgress.isEmpty() || System.currentTimeMillis() > deadline) {
                return inProgress;
            }
            Thread.sleep(200);
        }
    }

    /** Messages left in the queue, visible or in flight, polled until none or 20 s. */
    private static long awaitQueueEmpty(AwsSettings aws, String queueUrl) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        try (SqsClient sqs = aws.sqs()) {
            while (true) {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                long left = attributes.values().stream().mapToLong(Long::parseLong).sum();
                if (left == 0 || System.currentTimeMillis() > deadline) {
                    return left;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String notification(String bucket, String key) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\""
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + "\"}}}]}";
    }

    /** A notification as S3 writes it, with the object's {@code sequencer} (equal in every copy of one event). */
    private static String notification(String bucket, String key, String sequencer) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\""
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + "\",\"sequencer\":\"" + sequencer + "\"}}}]}";
    }
}
