package dev.flowlens.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flowlens.jobs.kit.webhook.WebhookSettings;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.json.AlertJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts POSTed by a MiniCluster job to a local HTTP server that answers as a real receiver might: failing for a
 * while, always, or refusing; the job always finishes, and the metrics say what happened.
 */
class AlertWebhookSinkTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
            .setConfiguration(METRICS.addToConfiguration(
                    Configuration.fromMap(Map.of("restart-strategy.type", "none"))))
            .build());

    private HttpServer server;
    /** Status of the next responses, in order; then {@link #afterwards}. */
    private final List<Integer> script = new CopyOnWriteArrayList<>();
    private volatile int afterwards = 200;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.incrementAndGet();
            headers.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            int status = script.isEmpty() ? afterwards : script.remove(0);
            if (status == 503 && requests.get() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "0"); // honoured: no wait
            }
            if (status >= 200 && status < 300) {
                delivered.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void failuresForAWhileAreRetriedAndEveryAlertArrivesOnce() throws Exception {
        List<Alert> alerts = TestAlerts.incidents(4);
        script.addAll(List.of(503, 503, 429, 500));
        JobID job = run(alerts, settings(5));

        assertThat(delivered).hasSize(alerts.size());
        List<String> records = delivered.stream().map(AlertWebhookSinkTest::record).toList();
        assertThat(records).as("each alert record (an incident's id and status) once")
                .containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> a.id + " " + a.status).toList())
                .doesNotHaveDuplicates();
        assertThat(requests.get()).isEqualTo(alerts.size() + 4);
        assertThat(headers).allMatch(h -> h.equals("POST application/json Bearer test-token"));
        assertThat(counter(job, "webhook.alert.sent")).isEqualTo(alerts.size());
        assertThat(counter(job, "webhook.alert.retries")).isEqualTo(4);
        assertThat(counter(job, "webhook.alert.failures")).isZero();
    }

    @Test
    void aReceiverThatAlwaysFailsCostsMaxAttemptsPerAlertAndTheJobFinishes() throws Exception {
        List<Alert> alerts = TestAlerts.incidents(2);
        afterwards = 503;
        JobID job = run(alerts, settings(3));

        assertThat(delivered).isEmpty();
        assertThat(requests.get()).isEqualTo(alerts.size() * 3);
        assertThat(counter(job, "webhook.alert.failures")).isEqualTo(alerts.size());
        assertThat(counter(job, "webhook.alert.retries")).isEqualTo(alerts.size() * 2);
        assertThat(counter(job, "webhook.alert.sent")).isZero();
    }

    @Test
    void aRefusedRequestIsNotRetried() throws Exception {
        List<Alert> alerts = TestAlerts.incidents(1);
        afterwards = 400;
        JobID job = run(alerts, settings(5));

        assertThat(requests.get()).as("one attempt per alert").isEqualTo(alerts.size());
        assertThat(counter(job, "webhook.alert.failures")).isEqualTo(alerts.size());
        assertThat(counter(job, "webhook.alert.retries")).isZero();
    }

    @Test
    void aReceiverThatIsNotThereIsRetriedAndCounted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<Alert> alerts = TestAlerts.incidents(1);
        JobID job = run(alerts, new WebhookSettings(URI.create("http://127.0.0.1:" + closedPort + "/hook"), Map.of(),
                2, Duration.ofSeconds(2), Duration.ofMillis(10)));

        assertThat(counter(job, "webhook.alert.failures")).isEqualTo(alerts.size());
        assertThat(counter(job, "webhook.alert.retries")).isEqualTo(alerts.size());
    }

    private WebhookSettings settings(int maxAttempts) {
        return new WebhookSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                Map.of("Authorization", "Bearer test-token"), maxAttempts, Duration.ofSeconds(5),
                Duration.ofMillis(20));
    }

    private static JobID run(List<Alert> alerts, WebhookSettings webhook) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // one writer: the server's script is in the order requests come
        new AlertSinks(null, null, null, webhook, AlertSinks.Format.FLOWLENS)
                .alerts(env.fromData(alerts, TypeInformation.of(Alert.class)).name("alerts"));
        JobExecutionResult result = env.execute("alert webhook sink");
        return result.getJobID();
    }

    private static long counter(JobID job, String name) {
        long total = 0;
        for (Map.Entry<String, Metric> metric : METRICS.getMetricsByIdentifiers(job).entrySet()) {
            if (metric.getKey().endsWith("." + name)) {
                total += ((Counter) metric.getValue()).getCount();
            }
        }
        return total;
    }

    private static String record(String body) {
        try {
            Alert alert = AlertJson.parse(body);
            return alert.id + " " + alert.status;
        } catch (IOException e) {
            throw new AssertionError("not an alert: " + body, e);
        }
    }
}
