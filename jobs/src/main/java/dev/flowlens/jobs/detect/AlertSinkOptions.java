package dev.flowlens.jobs.detect;

import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.kit.kafka.KafkaOptions;
import dev.flowlens.jobs.kit.webhook.WebhookSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration keys of the alert outputs, declared once (a job that detects adds {@link #ALL} to its keys), and
 * {@link #from} to build its {@link AlertSinks}. Documented in {@code schemas/alert.md} ("Outputs").
 */
public final class AlertSinkOptions {
    public static final KafkaOptions KAFKA = KafkaOptions.sink("alerts", "alerts");
    public static final JobOption<String> TRANSACTIONAL_ID_PREFIX = JobOption.key(
            "alerts.kafka.transactional-id-prefix")
            .text("flowlens-alerts", "prefix of the alert sink's Kafka transactional ids (unique per job)");
    public static final JobOption<String> JSON = JobOption.key("alerts.json")
            .text(null, "directory for alerts as JSON lines (optional)");
    public static final JobOption<String> PARQUET = JobOption.key("alerts.parquet")
            .text(null, "directory for the alert Parquet dataset (dt=/hour= partitions by the alert's start;"
                    + " optional); a local path or s3://bucket/prefix");
    public static final JobOption<String> WEBHOOK_URL = JobOption.key("alerts.webhook.url")
            .text(null, "POST each alert to this http(s) URL (optional)");
    public static final JobOption<Map<String, String>> WEBHOOK_HEADERS = JobOption.key("alerts.webhook.headers")
            .map("NAME: value of a header sent with every webhook request (e.g. Authorization)");
    public static final JobOption<Integer> WEBHOOK_MAX_ATTEMPTS = JobOption.key("alerts.webhook.max-attempts")
            .integer(5, "attempts per alert in all; after the last a failure is counted and logged, and the job"
                    + " goes on");
    public static final JobOption<Duration> WEBHOOK_TIMEOUT = JobOption.key("alerts.webhook.timeout")
            .duration(Duration.ofSeconds(10), "how long one webhook request may take");
    public static final JobOption<Duration> WEBHOOK_MAX_BACKOFF = JobOption.key("alerts.webhook.max-backoff")
            .duration(Duration.ofSeconds(30), "the longest wait between webhook attempts (also caps Retry-After)");
    public static final JobOption<String> FORMAT = JobOption.key("alerts.format")
            .text("flowlens", "flowlens (schemas/alert.md) or ocsf (OCSF Detection Finding): the JSON of the"
                    + " Kafka messages, JSON lines and webhook bodies");

    /** Every key of the alert outputs, in the README's order. */
    public static final List<JobOption<?>> ALL = all();

    private AlertSinkOptions() {}

    private static List<JobOption<?>> all() {
        List<JobOption<?>> all = new ArrayList<>(KAFKA.all());
        all.addAll(List.of(TRANSACTIONAL_ID_PREFIX, JSON, PARQUET, WEBHOOK_URL, WEBHOOK_HEADERS, WEBHOOK_MAX_ATTEMPTS,
                WEBHOOK_TIMEOUT, WEBHOOK_MAX_BACKOFF, FORMAT));
        return List.copyOf(all);
    }

    /**
     * The outputs {@code config} sets: Kafka when {@code alerts.kafka.topic} is set (then the brokers are required),
     * the webhook when {@code alerts.webhook.url} is; a wrong value is a one-line error naming its key.
     */
    public static AlertSinks from(JobConfig config) {
        AlertSinks.Kafka kafka = null;
        if (config.isSet(KAFKA.topic())) {
            kafka = new AlertSinks.Kafka(config.required(KAFKA.bootstrapServers()), config.get(KAFKA.topic()),
                    config.get(TRANSACTIONAL_ID_PREFIX), config.properties(KAFKA.properties()));
        } else if (config.isSet(KAFKA.bootstrapServers())) {
            throw new IllegalArgumentException(KAFKA.bootstrapServers().key() + " is set but "
                    + KAFKA.topic().key() + " is not: name the topic alerts go to, or remove the brokers");
        }
        return new AlertSinks(blankToNull(config.get(JSON)), blankToNull(config.get(PARQUET)), kafka,
                webhook(config), AlertSinks.Format.of(config.get(FORMAT)));
    }

    private static WebhookSettings webhook(JobConfig config) {
        String url = blankToNull(config.get(WEBHOOK_URL));
        if (url == null) {
            if (config.isSet(WEBHOOK_HEADERS) || config.isSet(WEBHOOK_MAX_ATTEMPTS) || config.isSet(WEBHOOK_TIMEOUT)
                    || config.isSet(WEBHOOK_MAX_BACKOFF)) {
                throw new IllegalArgumentException("alerts.webhook settings are given but " + WEBHOOK_URL.key()
                        + " is not: set the URL alerts are POSTed to, or remove them");
            }
            return null;
        }
        int attempts = config.get(WEBHOOK_MAX_ATTEMPTS);
        if (attempts < 1) {
            throw new IllegalArgumentException(WEBHOOK_MAX_ATTEMPTS.key() + ": " + attempts
                    + " attempts would send nothing; give 1 or more");
        }
        if (config.get(WEBHOOK_TIMEOUT).isZero()) {
            throw new IllegalArgumentException(WEBHOOK_TIMEOUT.key() + ": a zero timeout fails every request; give"
                    + " one such as PT10S");
        }
        try {
            return new WebhookSettings(new URI(url), config.get(WEBHOOK_HEADERS), config.get(WEBHOOK_MAX_ATTEMPTS),
                    config.get(WEBHOOK_TIMEOUT), config.get(WEBHOOK_MAX_BACKOFF));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(WEBHOOK_URL.key() + ": '" + url + "' is not a URL (" + e.getReason()
                    + "); give one such as https://hooks.example.com/flowlens");
        } catch (IllegalArgumentException e) { // the URL or a header
            String key = e.getMessage().startsWith("the webhook header") ? WEBHOOK_HEADERS.key() : WEBHOOK_URL.key();
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
