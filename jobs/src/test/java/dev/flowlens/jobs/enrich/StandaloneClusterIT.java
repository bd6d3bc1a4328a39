package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar on a real Flink standalone session cluster of separate JVM processes on this machine: one
 * JobManager ({@code StandaloneSessionClusterEntrypoint}) and two TaskManagers ({@code TaskManagerRunner}) with only
 * Flink's own artifacts on their classpath, the jar submitted through the REST API. Flows stream from Kafka to
 * exactly-once Kafka and Parquet; three times, right after a batch of flows is sent (output written but not yet
 * committed), one TaskManager process is killed ({@code kill -9}) and a replacement started. The job must restore
 * from its checkpoint each time, and the committed outputs must hold every flow exactly once.
 */
class StandaloneClusterIT {
    private static final Path JAR = Path.of("target/flowlens-cluster.jar");
    private static final int KILLS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every process this test started, for the finally blocks and the shutdown hook. */
    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
    }

    /** Under target/, kept after the run: the processes' logs are there. */
    private final Path dir = Path.of("target/standalone-cluster-it").toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String rest;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : STARTED) {
            process.destroyForcibly();
            process.waitFor();
        }
        STARTED.clear();
    }

    @Test
    void jobSurvivesThreeKilledTaskManagersWithExactlyOnceOutput() throws Exception {
        long began = System.nanoTime();
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        assertThat(JAR).as("built by package").exists();
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(21)), scenario,
                ScenarioWriter.Layout.LINES).write();
        List<String> lines = Files.readAllLines(scenario.resolve("flowlogs.log"));
        long lastStart = lines.stream().mapToLong(line -> Long.parseLong(line.split(" ")[10])).max().orElseThrow();
        List<List<byte[]>> batches = batches(lines, KILLS + 1, 25);

        try (KafkaClusterTestKit kafka = KafkaBroker.start()) {
            String bootstrap = kafka.bootstrapServers();
            KafkaBroker.createTopics(bootstrap, Map.of("cluster-flow-logs", 2, "cluster-enriched", 2));
            Path conf = flinkConfiguration();
            Process jobManager = start("jobmanager", "org.apache.flink.runtime.entrypoint"
                    + ".StandaloneSessionClusterEntrypoint", conf);
            List<Process> taskManagers = new ArrayList<>();
            taskManagers.add(start("taskmanager-1", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", conf));
            taskManagers.add(start("taskmanager-2", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", conf));
            await("two TaskManagers registered", Duration.ofSeconds(60),
                    () -> get("/taskmanagers").path("taskmanagers").size() == 2);

            String jobId = submit(jobConfig(bootstrap, scenario));
            await("job running", Duration.ofSeconds(60), () -> allRunning(jobId));
            KafkaBroker.send(bootstrap, "cluster-flow-logs", batches.get(0));
            await("a checkpoint", Duration.ofSeconds(60), () -> checkpoints(jobId).path("counts")
                    .path("completed").asInt() >= 1);

            for (int kill = 1; kill <= KILLS; kill++) {
                long completedBefore = checkpoints(jobId).path("latest").path("completed").path("id").asLong();
                KafkaBroker.send(bootstrap, "cluster-flow-logs", batches.get(kill));
                Thread.sleep(400); // the batch is being written in an open transaction, not yet committed
                Process victim = taskManagers.remove(0);
                victim.destroyForcibly(); // SIGKILL on Linux
                assertThat(victim.waitFor(Duration.ofSeconds(10).toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                taskManagers.add(start("taskmanager-" + (kill + 2),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", conf));
                int restoresExpected = kill;
                await("restored from a checkpoint after kill " + kill, Duration.ofSeconds(90), () -> {
                    JsonNode checkpoints = checkpoints(jobId);
                    JsonNode restored = checkpoints.path("latest").path("restored");
                    return checkpoints.path("counts").path("restored").asInt() >= restoresExpected
                            && !restored.isMissingNode() && !restored.isNull()
                            && !restored.path("is_savepoint").asBoolean()
                            && restored.path("id").asLong() >= completedBefore
                            && checkpoints.path("latest").path("completed").path("id").asLong()
                                    > restored.path("id").asLong()
                            && allRunning(jobId);
                });
            }
            KafkaBroker.send(bootstrap, "cluster-flow-logs", List.of(Judged.clockRecordBytes(lastStart + 7200)));

            List<String> enriched = KafkaBroker.readCommitted(bootstrap, "cluster-enriched", lines.size() + 1,
                    Duration.ofSeconds(90));
            assertThat(enriched).hasSize(lines.size() + 1);
            Judged.everyFlowOnceNoneWrong(scenario, enriched, dir); // nothing lost, nothing duplicated, none wrong
            assertThat(OutputFiles.awaitParquetRows(dir.resolve("parquet"), lines.size() + 1,
                    Duration.ofSeconds(30))).isEqualTo(lines.size() + 1);
            // each kill restored at least once (awaited above); a slow replacement may cost a further restart attempt
            assertThat(checkpoints(jobId).path("counts").path("restored").asInt()).isGreaterThanOrEqualTo(KILLS);
            assertThat(jobManager.isAlive()).isTrue();
            System.out.printf("StandaloneClusterIT: %d flows, %d TaskManagers killed, %.1f s%n", lines.size(), KILLS,
                    (System.nanoTime() - began) / 1e9);
        } finally {
            stopProcesses();
        }
    }

    /** The streaming job: flows from Kafka, task events and snapshot from files, Kafka and Parquet outputs. */
    private Path jobConfig(String bootstrap, Path scenario) throws IOException {
        return Files.writeString(dir.resolve("enrich.yaml"), String.join("\n",
                "flow-logs:",
                "  source: kafka",
                "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: cluster-flow-logs, group-id: cluster,"
                        + " bounded: false}",
                "metadata:",
                "  events: " + scenario.resolve("metadata/events.jsonl"),
                "  snapshot: " + scenario.resolve("metadata/snapshot.json"),
                "enrichment: {vpc-cidrs: [10.0.0.0/16], idleness: PT1S}",
                "checkpoints: {interval: PT1S, directory: '" + dir.resolve("checkpoints").toUri() + "'}",
                "sinks:",
                "  parquet: " + dir.resolve("parquet"),
                "  dead-letters: " + dir.resolve("dead"),
                "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: cluster-enriched,"
                        + " transactional-id-prefix: cluster-test}",
                ""));
    }

    /** config.yaml of the cluster: local ports, one slot per TaskManager (the job needs both), quick failure detection. */
    private Path flinkConfiguration() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int restPort = freePort();
        rest = "http://localhost:" + restPort;
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + freePort(),
                "jobmanager.bind-host: localhost",
                "jobmanager.memory.process.size: 1024m",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.numberOfTaskSlots: 1",
                "parallelism.default: 2",
                // TaskManagerRunner takes its memory explicitly (the start scripts would compute these)
                "taskmanager.cpu.cores: 1",
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 384m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 64m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "execution.checkpointing.interval: 1 s",
                "execution.checkpointing.dir: " + dir.resolve("cluster-checkpoints").toUri(),
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 30",
                "restart-strategy.fixed-delay.delay: 1 s",
                "high-availability.type: NONE",
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "web.upload.dir: " + Files.createDirectories(dir.resolve("uploads")),
                "io.tmp.dirs: " + Files.createDirectories(dir.resolve("io-tmp")),
                ""));
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = File",
                "appender.file.type = File",
                "appender.file.name = File",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                ""));
        return conf;
    }

    /** Starts a Flink process with Flink's artifacts (and log4j) only; its log goes to {@code NAME.log}. */
    private Process start(String name, String mainClass, Path conf) throws IOException {
        List<String> classpath = new ArrayList<>(Arrays.asList(Files.readString(Path.of(System.getProperty(
                "flowlens.flink-classpath", "target/flink-cluster.classpath"))).strip().split(File.pathSeparator)));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                // log4j (a cluster brings its logging), the REST API's jar handlers (flink-runtime-web), and libraries of Flink's runtime that Maven counts as the
                // job's compile scope because the job's dependencies use them too, so the provided list lacks them
                .filter(entry -> Stream.of("log4j-core", "log4j-api", "log4j-slf4j2-impl", "commons-lang3",
                        "snappy-java", "flink-runtime-web").anyMatch(entry::contains))
                .forEach(classpath::add);
        assertThat(classpath).noneMatch(entry -> entry.contains("flowlens"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:MaxDirectMemorySize=320m", "-XX:MaxMetaspaceSize=256m"));
        String options = System.getProperty("flowlens.flink-jvm-options", "");
        if (!options.isBlank()) {
            command.addAll(Arrays.asList(options.strip().split("\\s+")));
        }
        command.addAll(List.of("-Dlog.file=" + dir.resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j2.properties").toUri(),
                "-cp", String.join(File.pathSeparator, classpath), mainClass, "--configDir", conf.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        STARTED.add(process);
        return process;
    }

    /** Uploads the cluster jar and runs it with {@code --config FILE}; returns the job id. */
    private String submit(Path config) throws Exception {
        String boundary = "flowlens" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                + " filename=\"flowlens-cluster.jar\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(JAR));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(rest + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(uploaded.path("status").asText()).as(uploaded.toString()).isEqualTo("success");
        String jarId = Path.of(uploaded.path("filename").asText()).getFileName().toString();
        String run = JSON.writeValueAsString(Map.of("programArgsList", List.of("--config", config.toString()),
                "parallelism", 2)); // two subtasks, one per TaskManager slot: any kill hits the job
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rest + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(run)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode started = JSON.readTree(response.body());
        assertThat(started.has("jobid")).as(response.body()).isTrue();
        return started.path("jobid").asText();
    }

    private boolean allRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            assertThat(job.path("state").asText()).as("job state").isNotIn("FAILED", "CANCELED", "FINISHED");
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            // bounded inputs (the task-event and snapshot files) finish; the rest must run
            if (!vertex.path("status").asText().equals("RUNNING") && !vertex.path("status").asText()
                    .equals("FINISHED")) {
                return false;
            }
        }
        return true;
    }

    private JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rest + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode(); // not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what + " (logs in " + dir + ")");
            }
            for (Process process : STARTED) {
                if (!process.isAlive() && process.exitValue() != 137 && process.exitValue() != 9) {
                    throw new AssertionError("a Flink process exited with " + process.exitValue() + " (logs in "
                            + dir + ")");
                }
            }
            Thread.sleep(250);
        }
    }

    /** The lines as messages of {@code perMessage} lines, in {@code count} batches. */
    private static List<List<byte[]>> batches(List<String> lines, int count, int perMessage) {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += perMessage) {
            messages.add((String.join("\n", lines.subList(i, Math.min(lines.size(), i + perMessage))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<List<byte[]>> batches = new ArrayList<>();
        int size = (messages.size() + count - 1) / count;
        for (int i = 0; i < messages.size(); i += size) {
            batches.add(messages.subList(i, Math.min(messages.size(), i + size)));
        }
        assertThat(batches).hasSize(count);
        return batches;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
