package dev.flowlens.jobs.kit.webhook;

import dev.flowlens.jobs.kit.sinks.FileSinks;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * POSTs each record as one JSON body to a webhook ({@link WebhookWriter}, retried as {@link WebhookRetryPolicy}
 * says). Delivery is at least once across restarts (records after the last checkpoint are sent again) and best
 * effort within a run: a record the server still refuses after the last attempt is counted and logged, and the job
 * goes on. Metrics, per writer, in group {@code flowlens} with the label {@code webhook=<what>}: {@code webhook_sent},
 * {@code webhook_retries} (attempts after a first), {@code webhook_failures} (records given up on).
 *
 * @param <T> the record type
 */
public final class WebhookSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** What names a record in the log line of a failure (an alert's id). */
    @FunctionalInterface
    public interface RecordName<T> extends Serializable {
        String of(T record);
    }

    private final WebhookSettings settings;
    private final FileSinks.JsonEncoder<T> encoder;
    private final RecordName<T> name;
    private final String what;

    /**
     * @param what the records' noun ({@code alert}): the metrics' {@code webhook} label and the log line's word
     */
    public WebhookSink(WebhookSettings settings, FileSinks.JsonEncoder<T> encoder, RecordName<T> name, String what) {
        this.settings = settings;
        this.encoder = encoder;
        this.name = name;
        this.what = what;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new WebhookWriter<>(settings, encoder, name, what, context.metricGroup());
    }
}
