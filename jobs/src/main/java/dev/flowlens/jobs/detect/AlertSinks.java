package dev.flowlens.jobs.detect;

import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.jobs.kit.sinks.FileSinks;
import dev.flowlens.jobs.kit.webhook.WebhookSettings;
import dev.flowlens.jobs.kit.webhook.WebhookSink;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.json.AlertJson;
import dev.flowlens.schemas.json.OcsfDetectionFindingJson;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The alert outputs as configured ({@link AlertSinkOptions#from}): an exactly-once Kafka topic, JSON lines, a
 * Parquet dataset and/or a webhook, any number of them. Documented in {@code schemas/alert.md} ("Outputs").
 *
 * @param json directory of alerts as JSON lines, or {@code null} for none
 * @param parquet directory (local or {@code s3://}) of the alert Parquet dataset, or {@code null} for none
 * @param kafka the Kafka topic of alerts, or {@code null} for none
 * @param webhook where alerts are POSTed, or {@code null} for none
 * @param format the JSON of the Kafka messages, the JSON lines and the webhook bodies
 */
public record AlertSinks(String json, String parquet, Kafka kafka, WebhookSettings webhook, Format format)
        implements DetectionTopology.Sinks {

    public AlertSinks {
        if (format == null) {
            format = Format.FLOWLENS;
        }
    }

    /** No output: a job without alert outputs (the alerts are still counted by the detection operators). */
    public static AlertSinks none() {
        return new AlertSinks(null, null, null, null, Format.FLOWLENS);
    }

    /** A Kafka topic written exactly once, in transactions under {@code transactionalIdPrefix}. */
    public record Kafka(String bootstrapServers, String topic, String transactionalIdPrefix, Properties properties) {}

    /** The JSON an alert is written as. */
    public enum Format {
        /** The Flowlens form, {@code schemas/alert.md} ({@link AlertJson}): what {@code flowlens evaluate} reads. */
        FLOWLENS(AlertJson::write),
        /** An OCSF Detection Finding ({@link OcsfDetectionFindingJson}), for Security Lake or a SIEM. */
        OCSF(OcsfDetectionFindingJson::write);

        private final FileSinks.JsonEncoder<Alert> encoder;

        Format(FileSinks.JsonEncoder<Alert> encoder) {
            this.encoder = encoder;
        }

        public FileSinks.JsonEncoder<Alert> encoder() {
            return encoder;
        }

        /** {@code flowlens} or {@code ocsf}; a one-line error naming both otherwise. */
        public static Format of(String name) {
            for (Format format : values()) {
                if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return format;
                }
            }
            throw new IllegalArgumentException(AlertSinkOptions.FORMAT.key() + ": '" + name
                    + "' is no alert format; use flowlens (schemas/alert.md) or ocsf (OCSF Detection Finding)");
        }
    }

    /** Whether any output is configured. */
    public boolean any() {
        return json != null || parquet != null || kafka != null || webhook != null;
    }

    /** Applies every configured output to {@code alerts}, each with a fixed uid and name. */
    @Override
    public void alerts(DataStream<Alert> alerts) {
        FileSinks.JsonEncoder<Alert> encoder = format.encoder();
        if (kafka != null) {
            alerts.sinkTo(KafkaConnectors.jsonSink(kafka.bootstrapServers(), kafka.topic(),
                            kafka.transactionalIdPrefix(), kafka.properties(), encoder, AlertSinks::key))
                    .uid("alerts-kafka").name("alerts (Kafka, exactly once)");
        }
        if (json != null) {
            FileSinks.jsonLines(alerts, json, encoder, "alerts-json", "alerts (JSON lines)");
        }
        if (parquet != null) {
            FileSinks.alertParquet(alerts, parquet);
        }
        if (webhook != null) {
            alerts.sinkTo(new WebhookSink<>(webhook, encoder, AlertSinks::key, "alert"))
                    .uid("alerts-webhook").name("alerts (webhook)");
        }
    }

    /** One incident's records share the id, so keyed by it they stay in order in one partition. */
    static String key(Alert alert) {
        return alert.id;
    }
}
