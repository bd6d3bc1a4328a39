package dev.flowlens.bench;

import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.jobs.enrich.BoundedEnrichment;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.enrich.EnrichmentSettings;
import dev.flowlens.jobs.enrich.EnrichmentSinks;
import dev.flowlens.jobs.enrich.EnrichmentTopology;
import dev.flowlens.jobs.enrich.KafkaBroker;
import dev.flowlens.jobs.enrich.TaskMetadata;
import dev.flowlens.jobs.enrich.operators.HoldBackSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.kit.kafka.EnrichedFlowFormat;
import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.jobs.kit.kafka.KafkaMessage;
import dev.flowlens.jobs.readers.FlowLogSources;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * Flows per second of the enrichment end to end on embedded mini-clusters, four paths side by side over one
 * generated scenario, several rounds, at one or more parallelisms:
 * <ol type="a">
 *   <li>local S3-layout objects (gzip, header line) → Parquet, the bounded job (BATCH mode);</li>
 *   <li>Kafka → Kafka (exactly once) + Parquet, the streaming job (STREAMING mode: event time, keyed hold-back,
 *       checkpoints every minute; the topic is read to its end so the job finishes) on an in-process KRaft broker;</li>
 *   <li>the same enrichment as a Flink user would otherwise write it, in Flink SQL (BATCH): the lines split as
 *       space-separated CSV, each end joined to a table of task holds on address and time range, to Parquet;</li>
 *   <li>the tool a user would pick for a plain conversion: DuckDB (JDBC, in process) copying the same objects to
 *       Parquet, {@code COPY (SELECT * FROM read_csv(…)) TO … (FORMAT parquet)}, no attribution.</li>
 * </ol>
 * Path {@code v} is (b) with Avro instead of JSON to Kafka. Path {@code k} is (b)'s floor: the flow-log messages'
 * lines, and with {@code b} or {@code v} also (b)'s enriched JSON or Avro messages, forwarded exactly once through
 * one keyed shuffle, nothing parsed, attributed or written.
 * Each row also prints the output's size against the gzip text it read.
 *
 * <p>Run: {@code java -Xmx10g -cp bench/target/benchmarks.jar dev.flowlens.bench.JobThroughput [minutes] [rounds]
 * [paths] [parallelisms]} ({@code paths}: any of {@code abcdvk}, default {@code abcd}; {@code parallelisms}:
 * comma-separated, default this machine's cores — each path runs at each, DuckDB with as many threads, for the sizing
 * rule). (a) runs every operator at the parallelism given ({@code RuntimeModes.bounded} turns the adaptive batch
 * scheduler's sizing by input bytes off, which gave (a)'s attribution and writer one subtask whatever the
 * parallelism); (c), Flink SQL's own BATCH job, is still sized by that scheduler.
 */
public final class JobThroughput {
    private static final int LINES_PER_MESSAGE = 500;

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 720;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String paths = args.length > 2 ? args[2] : "abcd";
        int[] parallelisms = args.length > 3
                ? Stream.of(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {Runtime.getRuntime().availableProcessors()};
        Path root = Files.createTempDirectory("flowlens-job-bench-");
        try (KafkaClusterTestKit kafka = KafkaBroker.start()) {
            SimConfig config = SimConfig.defaults().withDuration(minutes);
            Simulation simulation = new Simulation(config);
            Path objects = root.resolve("objects");
            long records = new ScenarioWriter(simulation, objects, ScenarioWriter.Layout.S3).write();
            Path lines = root.resolve("lines");
            new ScenarioWriter(new Simulation(config), lines, ScenarioWriter.Layout.LINES).write();
            EnrichmentSettings settings = settings(simulation);
            String bootstrap = kafka.bootstrapServers();
            KafkaBroker.createTopics(bootstrap, Map.of("flow-logs", 2));
            KafkaBroker.send(bootstrap, "flow-logs", messages(lines.resolve("flowlogs.log")));
            Path holds = writeHolds(lines, root.resolve("holds.csv"));
            System.out.printf("scenario: %,d records (%d minutes), %s%n", records, minutes, root);

            long gzipBytes = sizeOf(objects.resolve("flowlogs"));
            for (int round = 0; round < rounds; round++) {
                for (int parallelism : parallelisms) {
                    Path out = Files.createDirectories(root.resolve("round-" + round + "-p" + parallelism));
                    Run run = new Run(round, parallelism, records, gzipBytes);
                    if (paths.contains("a")) {
                        run.report("(a) S3 objects -> Parquet", filesToParquet(objects, settings, out, parallelism),
                                out.resolve("a-parquet"));
                        run.report("(a) without sinks", filesToNothing(objects, settings, parallelism), null);
                    }
                    if (paths.contains("b")) {
                        String topic = "enriched-" + round + "-p" + parallelism;
                        run.report("(b) Kafka -> Kafka + Parquet", kafkaToKafka(bootstrap, lines, settings, topic,
                                EnrichedFlowFormat.JSON, out.resolve("b"), parallelism), out.resolve("b/parquet"));
                    }
                    if (paths.contains("v")) {
                        String topic = "avro-" + round + "-p" + parallelism;
                        run.report("(b) the same, Avro to Kafka", kafkaToKafka(bootstrap, lines, settings, topic,
                                EnrichedFlowFormat.AVRO, out.resolve("v"), parallelism), out.resolve("v/parquet"));
                    }
                    if (paths.contains("k")) {
                        String floor = "floor-" + round + "-p" + parallelism;
                        run.report("(k) Kafka -> Kafka, lines only",
                                kafkaFloor(bootstrap, "flow-logs", floor, out, parallelism), null);
                        if (paths.contains("b")) {
                            run.report("(k) the same, (b)'s JSON", kafkaFloor(bootstrap,
                                    "enriched-" + round + "-p" + parallelism, floor + "-json", out, parallelism), null);
                        }
                        if (paths.contains("v")) {
                            run.report("(k) the same, (b)'s Avro", kafkaFloor(bootstrap,
                                    "avro-" + round + "-p" + parallelism, floor + "-avro", out, parallelism), null);
                        }
                    }
                    if (paths.contains("c")) {
                        run.report("(c) Flink SQL -> Parquet", flinkSql(lines, holds, out, parallelism),
                                out.resolve("c-parquet"));
                    }
                    if (paths.contains("d")) {
                        run.report("(d) DuckDB read_csv -> Parquet", duckDb(objects, out, parallelism),
                                out.resolve("d-parquet"));
                    }
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One round at one parallelism: prints each path's rate and its output's size against the gzip text. */
    private record Run(int round, int parallelism, long records, long gzipBytes) {
        void report(String path, double seconds, Path output) throws IOException {
            String size = output == null ? ""
                    : String.format("   output %,d bytes = %.2fx the gzip text", sizeOf(output),
                            (double) sizeOf(output) / gzipBytes);
            System.out.printf("round %d  p%d  %-30s %,10d flows in %6.1f s = %,10.0f flows/s%s%n", round, parallelism,
                    path, records, seconds, records / seconds, size);
        }
    }

    /** Bytes of the regular files under {@code dir}, hidden ones (Flink's in-progress and CRC files) left out. */
    private static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith("."))
                    .mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static StreamExecutionEnvironment local(int parallelism) {
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
    }

    /** The bounded job's settings for the simulated account: its format and its VPC. */
    private static EnrichmentSettings settings(Simulation simulation) {
        return new EnrichmentSettings(simulation.format().toAwsFormatString(), "events",
                new IndexSettings(Duration.ofHours(24), simulation.vpcCidrs(), Map.of()));
    }

    /** (a) */
    private static double filesToParquet(Path scenario, EnrichmentSettings settings, Path out, int parallelism)
            throws Exception {
        JobExecutionResult result = BoundedEnrichment.run(local(parallelism), new BoundedEnrichment.Inputs(scenario.resolve("flowlogs"),
                scenario.resolve("metadata/events.jsonl"), scenario.resolve("metadata/snapshot.json"), null,
                out.resolve("a-parquet"), out.resolve("a-dead")), settings);
        return result.getNetRuntime() / 1000.0;
    }

    /** (a) with enriched flows and dead letters discarded: what reading and attributing cost alone. */
    private static double filesToNothing(Path scenario, EnrichmentSettings settings, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = local(parallelism);
        RuntimeModes.bounded(env);
        EnrichmentTopology.build(EnrichmentTopology.readFiles(FlowLogSources.fileList(env,
                        scenario.resolve("flowlogs")), settings.format()),
                TaskMetadata.events(env, scenario.resolve("metadata/events.jsonl")),
                TaskMetadata.snapshot(env, scenario.resolve("metadata/snapshot.json")), settings,
                new EnrichmentTopology.Sinks() {
                    @Override
                    public void enriched(DataStream<EnrichedFlow> flows) {
                        flows.sinkTo(new DiscardingSink<>());
                    }

                    @Override
                    public void deadLetters(DataStream<DeadLetter> deadLetters) {
                        deadLetters.sinkTo(new DiscardingSink<>());
                    }
                });
        return env.execute("files to nothing").getNetRuntime() / 1000.0;
    }

    /** (b) */
    private static double kafkaToKafka(String bootstrap, Path scenario, EnrichmentSettings bounded, String topic,
            EnrichedFlowFormat format, Path out, int parallelism) throws Exception {
        Files.createDirectories(out);
        StreamExecutionEnvironment env = local(parallelism);
        // the setting: one-minute checkpoints (the last one is taken when the topic's end is reached)
        Path checkpoints = Files.writeString(out.resolve("b.yaml"), "checkpoints: {interval: PT1M}\n");
        RuntimeModes.streaming(env, JobConfig.read(checkpoints, Map.of(), EnrichmentOptions.ALL));
        EnrichmentSettings settings = bounded.withStreaming(
                new EnrichmentSettings.Streaming(
                        new HoldBackSettings(Duration.ofMinutes(5), 10_000, Duration.ofMinutes(1)),
                        Duration.ofMinutes(10), Duration.ofMinutes(1)));
        EnrichmentTopology.build(
                EnrichmentTopology.readMessages(env.fromSource(KafkaConnectors.flowLogSource(bootstrap, "flow-logs",
                                "bench-" + topic, true, new Properties()), KafkaConnectors.watermarks(),
                        "flow logs (Kafka)"), settings.format(), AwsSettings.of("us-east-1")),
                TaskMetadata.events(env, scenario.resolve("metadata/events.jsonl")),
                TaskMetadata.snapshot(env, scenario.resolve("metadata/snapshot.json")), settings,
                new EnrichmentSinks(null, out.resolve("parquet").toString(), out.resolve("dead").toString(),
                        new EnrichmentSinks.Kafka(bootstrap, topic, "bench-" + topic, new Properties(), format)));
        return env.execute("kafka to kafka").getNetRuntime() / 1000.0;
    }

    /**
     * (k) the floor of (b) on this machine: {@code source}'s messages read, each line sent on to {@code topic} as its
     * own message, exactly once, through one keyed shuffle and 1-minute checkpoints, with nothing parsed, attributed
     * or written to Parquet. From the flow-log topic the messages are the raw lines (105–230 bytes); from (b)'s
     * output topic they are its enriched JSON flows, one per message, the bytes (b) itself must send.
     */
    private static double kafkaFloor(String bootstrap, String source, String topic, Path out, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = local(parallelism);
        Path checkpoints = Files.writeString(out.resolve(topic + ".yaml"), "checkpoints: {interval: PT1M}\n");
        RuntimeModes.streaming(env, JobConfig.read(checkpoints, Map.of(), EnrichmentOptions.ALL));
        KafkaSink<byte[]> sink = KafkaSink.<byte[]>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(floorProducer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix("bench-" + topic)
                .setRecordSerializer((KafkaRecordSerializationSchema<byte[]>) (line, context, timestamp) ->
                        new ProducerRecord<>(topic, null, line))
                .build();
        env.fromSource(KafkaConnectors.flowLogSource(bootstrap, source, "bench-" + topic, true, new Properties()),
                        KafkaConnectors.watermarks(), "messages (Kafka)")
                .flatMap(new SplitLines()).name("split lines")
                .keyBy(line -> Arrays.hashCode(line))
                .sinkTo(sink).name("lines (Kafka)");
        return env.execute("kafka floor").getNetRuntime() / 1000.0;
    }

    /** The exactly-once sinks' producer settings, as {@link KafkaConnectors} gives them to the job's sinks. */
    private static Properties floorProducer() {
        Properties producer = new Properties();
        producer.putAll(KafkaConnectors.PRODUCER_DEFAULTS);
        producer.setProperty("transaction.timeout.ms", Long.toString(KafkaConnectors.TRANSACTION_TIMEOUT_MS));
        return producer;
    }

    /** A message's lines, each as its own bytes. */
    private static final class SplitLines implements FlatMapFunction<KafkaMessage, byte[]> {
        @Override
        public void flatMap(KafkaMessage message, Collector<byte[]> out) {
            byte[] value = message.value;
            int from = 0;
            for (int i = 0; i <= value.length; i++) {
                if (i == value.length || value[i] == '\n') {
                    if (i > from) {
                        out.collect(Arrays.copyOfRange(value, from, i));
                    }
                    from = i + 1;
                }
            }
        }
    }

    /** (c) */
    private static double flinkSql(Path scenario, Path holds, Path out, int parallelism) throws Exception {
        Configuration config = new Configuration();
        config.setString("parallelism.default", Integer.toString(parallelism));
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode()
                .withConfiguration(config).build());
        sql.executeSql("CREATE TABLE flows (version INT, account_id STRING, interface_id STRING, srcaddr STRING,"
                + " dstaddr STRING, srcport INT, dstport INT, protocol INT, packets BIGINT, `bytes` BIGINT,"
                + " start_s BIGINT, end_s BIGINT, `action` STRING, log_status STRING) WITH ('connector' = 'filesystem',"
                + " 'path' = 'file://" + scenario.resolve("flowlogs.log") + "', 'format' = 'csv',"
                + " 'csv.field-delimiter' = ' ', 'csv.ignore-parse-errors' = 'true')");
        sql.executeSql("CREATE TABLE holds (ip STRING, from_ms BIGINT, until_ms BIGINT, task_arn STRING,"
                + " task_id STRING, service STRING, cluster STRING, task_definition STRING, security_groups STRING,"
                + " availability_zone STRING) WITH ('connector' = 'filesystem', 'path' = 'file://" + holds
                + "', 'format' = 'csv')");
        sql.executeSql("CREATE TABLE enriched (version INT, account_id STRING, interface_id STRING, srcaddr STRING,"
                + " dstaddr STRING, srcport INT, dstport INT, protocol INT, packets BIGINT, `bytes` BIGINT,"
                + " `start` BIGINT, `end` BIGINT, `action` STRING, log_status STRING, src_task_arn STRING,"
                + " src_service STRING, src_cluster STRING, src_task_definition STRING, src_security_groups STRING,"
                + " dst_task_arn STRING, dst_service STRING, dst_cluster STRING, dst_task_definition STRING,"
                + " dst_security_groups STRING) WITH ('connector' = 'filesystem', 'path' = 'file://"
                + out.resolve("c-parquet") + "', 'format' = 'parquet', 'parquet.compression' = 'SNAPPY')");
        long started = System.nanoTime();
        TableResult result = sql.executeSql("INSERT INTO enriched SELECT f.version, f.account_id, f.interface_id,"
                + " f.srcaddr, f.dstaddr, f.srcport, f.dstport, f.protocol, f.packets, f.`bytes`, f.start_s, f.end_s,"
                + " f.`action`, f.log_status, s.task_arn, s.service, s.cluster, s.task_definition, s.security_groups,"
                + " d.task_arn, d.service, d.cluster, d.task_definition, d.security_groups FROM flows f"
                + " LEFT JOIN holds s ON f.srcaddr = s.ip AND f.start_s * 1000 >= s.from_ms"
                + " AND f.start_s * 1000 < s.until_ms"
                + " LEFT JOIN holds d ON f.dstaddr = d.ip AND f.start_s * 1000 >= d.from_ms"
                + " AND f.start_s * 1000 < d.until_ms");
        result.await();
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * (d) DuckDB's own conversion of the same gzip objects (header line and all) to one Parquet file, with its
     * defaults (Snappy), timed from the statement to its end.
     */
    private static double duckDb(Path scenario, Path out, int threads) throws Exception {
        Path target = Files.createDirectories(out.resolve("d-parquet")).resolve("flows.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            statement.execute("SET threads = " + threads);
            long started = System.nanoTime();
            statement.execute("COPY (SELECT * FROM read_csv('" + scenario.resolve("flowlogs") + "/**/*.log.gz',"
                    + " delim = ' ', header = true)) TO '" + target + "' (FORMAT parquet)");
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** The flow-log lines as Kafka messages of {@value #LINES_PER_MESSAGE} lines each. */
    private static List<byte[]> messages(Path file) throws IOException {
        List<String> all = Files.readAllLines(file);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < all.size(); i += LINES_PER_MESSAGE) {
            messages.add((String.join("\n", all.subList(i, Math.min(all.size(), i + LINES_PER_MESSAGE))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }

    /**
     * The task table a SQL user would keep: one row per task and IPv4 address with the time it held it, from the
     * same events and snapshot the job reads (merged by the index, so both see the same history).
     */
    private static Path writeHolds(Path scenario, Path file) throws Exception {
        TaskStateChangeEvents events = new TaskStateChangeEvents();
        AttributionIndex index = new AttributionIndex(86_400_000L);
        for (TaskState task : events.parseDescribeTasks(Files.readAllBytes(scenario.resolve("metadata/snapshot.json")),
                0L)) {
            index.apply(task);
        }
        for (String line : Files.readAllLines(scenario.resolve("metadata/events.jsonl"))) {
            index.apply(events.parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> rows = new ArrayList<>();
        for (TaskState state : index.snapshot()) {
            TaskIdentity task = state.identity;
            if (task.privateIpv4 != null) {
                rows.add(String.join(",", task.privateIpv4, Long.toString(state.holdsFrom()),
                        Long.toString(state.holdsUntil()), task.taskArn, task.taskId, nullToEmpty(task.serviceName),
                        task.clusterName, task.taskDefinition,
                        task.securityGroups == null ? "" : String.join(";", task.securityGroups),
                        nullToEmpty(task.availabilityZone)));
            }
        }
        return Files.write(file, rows);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
