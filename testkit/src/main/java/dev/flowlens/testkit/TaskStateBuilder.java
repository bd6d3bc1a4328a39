package dev.flowlens.testkit;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TaskState} and its {@link TaskIdentity}, times in epoch millis. By default a Fargate task of service
 * {@value #DEFAULT_SERVICE} in {@link TestAccount}'s cluster, on ENI {@code eni-<taskId>} with address
 * {@value #DEFAULT_IPV4} in {@code us-east-1a}, created at {@value #DEFAULT_CREATED_AT}, started 20 s later, and
 * not stopped.
 *
 * <p>Unless set, the service decides the group ({@code service:NAME}), task definition ({@code NAME:7}) and security
 * group ({@code sg-0NAME}), and the stop decides the observation: a running task is observed as ECS reports it,
 * version 3, {@code RUNNING}, 30 s after creation; a stopped one as version 6, {@code STOPPED}, at its stop.
 */
public final class TaskStateBuilder {
    public static final String DEFAULT_SERVICE = "svc";
    public static final String DEFAULT_IPV4 = "10.0.1.5";
    public static final long DEFAULT_CREATED_AT = 1_700_000_000_000L;

    private final String taskId;
    private String serviceName = DEFAULT_SERVICE;
    private String family;
    private String privateIpv4 = DEFAULT_IPV4;
    private String ipv6;
    private String eniId;
    private String availabilityZone = "us-east-1a";
    private List<String> securityGroups;
    private Long createdAt = DEFAULT_CREATED_AT;
    private Long startedAt;
    private boolean startedAtSet;
    private Long stoppedAt;
    private Long version;
    private String lastStatus;
    private Long observedAt;

    TaskStateBuilder(String taskId) {
        this.taskId = taskId;
        this.eniId = "eni-" + taskId;
    }

    /** The ECS service the task belongs to ({@code group = service:NAME}). */
    public TaskStateBuilder service(String name) {
        this.serviceName = name;
        this.family = null;
        return this;
    }

    /** A task started outside any service ({@code group = family:FAMILY}). */
    public TaskStateBuilder standalone(String taskFamily) {
        this.serviceName = null;
        this.family = taskFamily;
        return this;
    }

    /** The private IPv4 address; {@code null} for none. */
    public TaskStateBuilder ip(String address) {
        this.privateIpv4 = address;
        return this;
    }

    public TaskStateBuilder ipv6(String address) {
        this.ipv6 = address;
        return this;
    }

    /** The task's own ENI; {@code null} when not (yet) known. */
    public TaskStateBuilder eni(String id) {
        this.eniId = id;
        return this;
    }

    public TaskStateBuilder az(String availabilityZone) {
        this.availabilityZone = availabilityZone;
        return this;
    }

    /** The ENI's security groups, replacing the service's default one (none: an empty list). */
    public TaskStateBuilder securityGroups(String... groups) {
        this.securityGroups = List.of(groups);
        return this;
    }

    /** When the task (and its ENI) was created; {@code null} when not known. Moves the default start with it. */
    public TaskStateBuilder createdAt(Long millis) {
        this.createdAt = millis;
        return this;
    }

    /** When its containers started, if not 20 s after creation. */
    public TaskStateBuilder startedAt(Long millis) {
        this.startedAt = millis;
        this.startedAtSet = true;
        return this;
    }

    /** When it stopped (its ENI was deleted); {@code null} while it runs. */
    public TaskStateBuilder stoppedAt(Long millis) {
        this.stoppedAt = millis;
        return this;
    }

    /** ECS's task {@code version} of the observation. */
    public TaskStateBuilder version(long ecsVersion) {
        this.version = ecsVersion;
        return this;
    }

    /** The observation's {@code lastStatus} ({@code PENDING}, {@code RUNNING}, {@code STOPPED}, ...). */
    public TaskStateBuilder lastStatus(String status) {
        this.lastStatus = status;
        return this;
    }

    /** When the observation was made (event or reconciliation time). */
    public TaskStateBuilder observedAt(long millis) {
        this.observedAt = millis;
        return this;
    }

    /** A new identity on every call. */
    public TaskIdentity identity() {
        String owner = serviceName != null ? serviceName : family;
        TaskIdentity task = new TaskIdentity();
        task.accountId = TestAccount.ACCOUNT_ID;
        task.region = TestAccount.REGION;
        task.clusterArn = TestAccount.CLUSTER_ARN;
        task.clusterName = TestAccount.CLUSTER_NAME;
        task.serviceName = serviceName;
        task.group = serviceName != null ? "service:" + serviceName : "family:" + family;
        task.taskArn = "arn:aws:ecs:" + TestAccount.REGION + ":" + TestAccount.ACCOUNT_ID + ":task/"
                + TestAccount.CLUSTER_NAME + "/" + taskId;
        task.taskId = taskId;
        task.taskDefinition = owner + ":7";
        task.launchType = "FARGATE";
        task.availabilityZone = availabilityZone;
        task.subnetId = "subnet-0a";
        task.eniId = eniId;
        task.privateIpv4 = privateIpv4;
        task.ipv6 = ipv6;
        task.securityGroups = new ArrayList<>(securityGroups != null ? securityGroups : List.of("sg-0" + owner));
        task.interfaceType = "interface";
        task.createdAt = createdAt;
        task.startedAt = startedAtSet ? startedAt : createdAt == null ? null : createdAt + 20_000;
        task.stoppedAt = stoppedAt;
        return task;
    }

    /** A new observation of a new {@link #identity()} on every call. */
    public TaskState build() {
        boolean stopped = stoppedAt != null;
        long defaultObservedAt = stopped ? stoppedAt : createdAt != null ? createdAt + 30_000 : 0;
        return TaskState.of(identity(), version != null ? version : stopped ? 6 : 3,
                lastStatus != null ? lastStatus : stopped ? "STOPPED" : "RUNNING",
                observedAt != null ? observedAt : defaultObservedAt);
    }
}
