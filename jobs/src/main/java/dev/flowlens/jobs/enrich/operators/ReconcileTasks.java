package dev.flowlens.jobs.enrich.operators;

import dev.flowlens.enrich.aws.EcsReconciler;
import dev.flowlens.enrich.aws.ReconcileStatus;
import dev.flowlens.enrich.aws.ReconcilerSettings;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.schemas.TaskState;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.metrics.MetricGroup;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One ECS/EC2 reconciliation per element, for a rate-limited generator source: the reconciler (and its SDK clients)
 * lives from {@code open} to {@code close}. A failed pass yields no tasks — the index keeps what it knew — and shows
 * in the metrics {@code reconcileFailures} and {@code reconcileLastSuccess} (epoch millis).
 */
public final class ReconcileTasks implements GeneratorFunction<Long, List<TaskState>> {
    private final AwsSettings aws;
    private final String ecsEndpoint;
    private final String ec2Endpoint;
    private transient EcsReconciler reconciler;
    private transient org.apache.flink.metrics.Counter failures;

    /** @param ecsEndpoint, ec2Endpoint endpoint overrides, or {@code null} for AWS's */
    public ReconcileTasks(AwsSettings aws, String ecsEndpoint, String ec2Endpoint) {
        this.aws = aws;
        this.ecsEndpoint = ecsEndpoint;
        this.ec2Endpoint = ec2Endpoint;
    }

    @Override
    public void open(SourceReaderContext context) {
        reconciler = EcsReconciler.create(Region.of(aws.region()), DefaultCredentialsProvider.builder().build(),
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
