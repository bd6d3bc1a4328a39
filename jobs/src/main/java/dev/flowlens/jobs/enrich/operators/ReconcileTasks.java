package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.aws.EcsReconciler;
import dev.flowlens.enrich.aws.ReconcileStatus;
import dev.flowlens.enrich.aws.ReconcilerSettings;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.schemas.TaskState;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.metrics.MetricGroup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One ECS/EC2 reconciliation per element, for a generator source: rate-limited in a streaming job, a single
 * element in a bounded one ({@link #once}). The reconciler (and its SDK clients) lives from {@code open} to
 * {@code close}. In a stream a failed pass yields no tasks — the index keeps what it knew — and shows in the metrics
 * {@code reconcileFailures} and {@code reconcileLastSuccess} (epoch millis); the single pass of a bounded job fails
 * the job instead, since its output would silently lack what the pass was for.
 */
public final class ReconcileTasks implements GeneratorFunction<Long, List<TaskState>> {
    private final AwsSettings aws;
    private final String ecsEndpoint;
    private final String ec2Endpoint;
    private final boolean once;
    private final LocalCredentials credentials;
    private transient EcsReconciler reconciler;
    private transient org.apache.flink.metrics.Counter failures;

    /**
     * Fixed credentials for a local endpoint that checks none (the demo's {@code LocalAwsEndpoint}); AWS's own
     * endpoints take the SDK's default chain.
     */
    public record LocalCredentials(String accessKeyId, String secretAccessKey) implements Serializable {}

    /** @param ecsEndpoint, ec2Endpoint endpoint overrides, or {@code null} for AWS's */
    public ReconcileTasks(AwsSettings aws, String ecsEndpoint, String ec2Endpoint) {
        this(aws, ecsEndpoint, ec2Endpoint, false, null);
    }

    private ReconcileTasks(AwsSettings aws, String ecsEndpoint, String ec2Endpoint, boolean once,
            LocalCredentials credentials) {
        this.aws = aws;
        this.ecsEndpoint = ecsEndpoint;
        this.ec2Endpoint = ec2Endpoint;
        this.once = once;
        this.credentials = credentials;
    }

    /**
     * The single pass of a bounded job, before its flows: a failure fails the job, with the reconciler's error.
     *
     * @param credentials for a local endpoint, or {@code null} for the SDK's default chain
     */
    public static ReconcileTasks once(AwsSettings aws, String ecsEndpoint, String ec2Endpoint,
            LocalCredentials credentials) {
        return new ReconcileTasks(aws, ecsEndpoint, ec2Endpoint, true, credentials);
    }

    @Override
    public void open(SourceReaderContext context) {
        AwsCredentialsProvider provider = credentials == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(),
                        credentials.secretAccessKey()));
        reconciler = EcsReconciler.create(Region.of(aws.region()), provider,
                ecsEndpoint == null ? null : URI.create(ecsEndpoint),
                ec2Endpoint == null ? null : URI.create(ec2Endpoint), ReconcilerSettings.DEFAULT, Clock.systemUTC());
        MetricGroup metrics = context.metricGroup().addGroup("flowlens");
        failures = metrics.counter("reconcileFailures");
        metrics.gauge("reconcileLastSuccess", () -> {
            ReconcileStatus status = reconciler.status();
            return status.lastSuccess() == null ? 0L : status.lastSuccess().toEpochMilli();
        });
    }

    @Override
    public List<TaskState> map(Long pass) {
        List<TaskState> observed = reconciler.observe();
        if (reconciler.status().lastError() != null) {
            failures.inc();
            if (once) {
                throw new IllegalStateException("the ECS/EC2 reconciliation before the flows failed ("
                        + reconciler.status().lastError() + "); check aws.region, aws.ecs.endpoint,"
                        + " aws.ec2.endpoint and the credentials");
            }
        }
        return new ArrayList<>(observed);
    }

    @Override
    public void close() {
        if (reconciler != null) {
            reconciler.close();
        }
    }
}
