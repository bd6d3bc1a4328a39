package dev.flowlens.jobs.kit.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.jobs.kit.sinks.FileSinks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each record as it comes, waiting for the answer (and for retries) before taking the next: nothing is
 * buffered, so a checkpoint covers only records already delivered or given up on, and {@link #flush} has nothing to
 * do. The HTTP client is this writer's own, made here and closed in {@link #close}.
 */
final class WebhookWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWriter.class);

    private final WebhookSettings settings;
    private final FileSinks.JsonEncoder<T> encoder;
    private final WebhookSink.RecordName<T> name;
    private final String what;
    private final WebhookRetryPolicy policy;
    private final JsonFactory json = new JsonFactory();
    private final ExecutorService executor;
    private final HttpClient client;
    private final Counter sent;
    private final Counter retries;
    private final Counter failures;

    WebhookWriter(WebhookSettings settings, FileSinks.JsonEncoder<T> encoder, WebhookSink.RecordName<T> name,
            String what, MetricGroup metrics) {
        this.settings = settings;
        this.encoder = encoder;
        this.name = name;
        this.what = what;
        this.policy = new WebhookRetryPolicy(settings.maxAttempts(), settings.maxBackoff(),
                RandomGenerator.getDefault());
        // an executor of our own, so close() can release the client's threads on Java 17 (no HttpClient.close())
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-" + what);
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // one name per counter for every webhook, the records' noun as the `webhook` label (dashboard, alerting rules)
        MetricGroup flowlens = metrics.addGroup("flowlens");
        this.sent = flowlens.addGroup("webhook", what).counter("sent");
        this.retries = flowlens.addGroup("webhook", what).counter("retries");
        this.failures = flowlens.addGroup("webhook", what).counter("failures");
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(record)));
        settings.headers().forEach(request::setHeader); // the configured ones win, Content-Type too
        HttpRequest post = request.build();
        for (int attempt = 1; ; attempt++) {
            Integer status = null;
            Duration retryAfter = null;
            String outcome;
            try {
                HttpResponse<Void> response = client.send(post, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (WebhookRetryPolicy.delivered(status)) {
                    sent.inc();
                    return;
                }
                retryAfter = WebhookRetryPolicy.retryAfter(response.headers().firstValue("Retry-After")
                        .orElse(null), Instant.now());
                outcome = "status " + status;
            } catch (IOException e) { // refused, reset, timed out: no response
                outcome = "no response (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            }
            Optional<Duration> wait = policy.nextAttemptAfter(attempt, status, retryAfter);
            if (wait.isEmpty()) {
                failures.inc();
                LOG.warn("Webhook {} gave up on {} {} after {} attempt(s), the last with {}", settings.url(), what,
                        name.of(record), attempt, outcome);
                return;
            }
            retries.inc();
            Thread.sleep(wait.get().toMillis(), wait.get().toNanosPart() % 1_000_000);
        }
    }

    private byte[] body(T record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator generator = json.createGenerator(bytes)) {
            encoder.write(generator, record);
        }
        return bytes.toByteArray();
    }

    @Override
    public void flush(boolean endOfInput) {
        // nothing is buffered: write() returns once a record is delivered or given up on
    }

    @Override
    public void close() throws Exception {
        if (client instanceof AutoCloseable closeable) { // Java 21 on
            closeable.close();
        }
        executor.shutdownNow();
    }
}
