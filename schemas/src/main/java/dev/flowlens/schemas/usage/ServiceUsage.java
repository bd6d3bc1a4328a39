package dev.flowlens.schemas.usage;

/**
 * One row of the usage report: a service's traffic in one direction with one class of peer over a period, and what
 * it is estimated to cost. Documented in {@code schemas/usage.md}. A Flink POJO.
 */
public class ServiceUsage {
    /** Period start, epoch seconds (inclusive). */
    public long periodStart;
    /** Period end, epoch seconds (exclusive). */
    public long periodEnd;
    public String accountId;
    /** ECS cluster name. */
    public String cluster;
    /** ECS service; {@code null} for standalone tasks. */
    public String service;
    public UsageDirection direction;
    public UsagePeerClass peerClass;
    /** The peer's ECS service, for traffic with tasks ({@code same-az}, {@code cross-az}); else {@code null}. */
    public String peerService;
    /** The AWS service by name ({@code S3}, {@code DYNAMODB}), for {@code aws-service} peers; else {@code null}. */
    public String awsService;
    public long bytes;
    public long packets;
    /** Flow-log records counted. */
    public long flows;
    /** An estimate from the configured prices, in US dollars; not a bill. */
    public double estimatedCostUsd;

    public ServiceUsage() {}
}
