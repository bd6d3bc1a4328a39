package dev.flowlens.enrich.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Brings the index in line with what the ECS and EC2 APIs say: {@code ListClusters} → {@code ListTasks} (RUNNING and
 * STOPPED) → {@code DescribeTasks} (100 a call) → {@code DescribeServices} (10 a call) → EC2
 * {@code DescribeNetworkInterfaces} (by ENI id, 100 a call) for each running task's security groups and interface
 * type, which ECS does not report and which vanish with the ENI when the task stops; then EC2
 * {@code DescribeSubnets} and {@code DescribeVpcs} for the CIDRs where task addresses live (discovered, so the VPC
 * need not be configured). A task's network mode needs no {@code DescribeTaskDefinition}: awsvpc tasks are exactly
 * those with an ENI attachment; others have no address of their own and are indexed by ARN only.
 *
 * <p>Every call attempt waits for the rate limiter; throttling ({@code ThrottlingException},
 * {@code RequestLimitExceeded}) and server errors are retried by the SDK with capped exponential backoff and jitter.
 * A reconciliation applies nothing unless it completes: a failure (outage, malformed response) leaves the index as it
 * was, serving what it knows, and the growing staleness is reported in {@link ReconcileStatus}.
 */
public final class EcsReconciler implements AutoCloseable {
    private static final int DESCRIBE_TASKS_BATCH = 100;
    private static final int DESCRIBE_SERVICES_BATCH = 10;
    private static final int DESCRIBE_ENIS_BATCH = 100;

    private final EcsClient ecs;
    private final Ec2Client ec2;
    private final Clock clock;
    /** Call attempts made by the clients, counted by their interceptor. */
    private final AtomicInteger attempts;
    private final Cache<String, EniInfo> enis;
    private final Cache<String, List<String>> serviceGroups;
    /** Subnet id → its IPv4 and IPv6 CIDRs; VPC id → its CIDRs. Neither changes while it exists. */
    private final Cache<String, List<String>> subnetCidrs;
    /** Each described subnet's VPC, cached with its CIDRs. */
    private final Cache<String, String> subnetVpcs;
    private final Cache<String, List<String>> vpcCidrs;
    /** The tasks the last complete pass listed as not stopped, as seen then: bounded by what ECS lists. */
    private Map<String, TaskState> lastSeenRunning = new HashMap<>();
    /** {@code region:account} of the clusters the last complete pass listed: what "no longer listed" can speak for. */
    private Set<String> listedScopes = Set.of();
    private volatile ReconcileStatus status = new ReconcileStatus(null, null, "not run yet", 0, 0);

    /** What EC2 says about an ENI. */
    private record EniInfo(List<String> securityGroups, String interfaceType, String vpcId) {}

    private EcsReconciler(EcsClient ecs, Ec2Client ec2, AtomicInteger attempts, ReconcilerSettings settings,
            Clock clock) {
        this.ecs = ecs;
        this.attempts = attempts;
        this.ec2 = ec2;
        this.clock = clock;
        this.enis = Caffeine.newBuilder().maximumSize(settings.cacheSize()).expireAfterWrite(settings.eniCacheTtl())
                .build();
        this.serviceGroups = Caffeine.newBuilder().maximumSize(settings.cacheSize())
                .expireAfterWrite(Duration.ofMinutes(10)).build();
        this.subnetCidrs = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();
        this.subnetVpcs = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();
        this.vpcCidrs = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofHours(1)).build();
    }

    /**
     * A reconciler with its own SDK clients (closed by {@link #close}).
     *
     * @param ecsEndpoint endpoint override for ECS, or {@code null} for AWS's
     * @param ec2Endpoint endpoint override for EC2, or {@code null} for AWS's
     */
    public static EcsReconciler create(Region region, AwsCredentialsProvider credentials, URI ecsEndpoint,
            URI ec2Endpoint, ReconcilerSettings settings, Clock clock) {
        RateLimiter limiter = new RateLimiter(settings.callsPerSecond());
        AtomicInteger attempts = new AtomicInteger();
        ExecutionInterceptor metering = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                try {
                    limiter.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while rate-limited", e);
                }
                attempts.incrementAndGet();
            }
        };
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.baseBackoff(), settings.maxBackoff());
        RetryStrategy retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .build();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(retry)
                .addExecutionInterceptor(metering)
                .apiCallAttemptTimeout(Duration.ofSeconds(20))
                .build();
        var ecsBuilder = EcsClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(overrides);
        var ec2Builder = Ec2Client.builder().region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(overrides);
        if (ecsEndpoint != null) {
            ecsBuilder.endpointOverride(ecsEndpoint);
        }
        if (ec2Endpoint != null) {
            ec2Builder.endpointOverride(ec2Endpoint);
        }
        return new EcsReconciler(ecsBuilder.build(), ec2Builder.build(), attempts, settings, clock);
    }

    /**
     * Runs one reconciliation and merges its result into {@code index} if it completed; then closes the tasks of
     * the listed clusters' accounts and regions that ECS no longer lists at all (neither running nor among the
     * recently stopped), at their last evidence ({@link AttributionIndex#closeUnlisted}): a task whose STOPPED event
     * was lost does not hold its address, nor stay in the index, forever. The pass does not advance the index's
     * {@link AttributionIndex#knownUntil}: its observations are of current state at wall-clock time, not event time
     * (see {@link TaskState#current}).
     */
    public ReconcileStatus reconcile(AttributionIndex index) {
        List<TaskState> observed = observe();
        if (status.lastError() == null) {
            Set<String> listed = new java.util.HashSet<>();
            for (int i = 0; i < observed.size(); i++) {
                TaskState task = observed.get(i);
                index.apply(task);
                if (i < status.tasksSeen()) { // the rest are closings of tasks listed before
                    listed.add(task.identity.taskArn);
                }
            }
            index.closeUnlisted(listed, listedScopes);
        }
        return status;
    }

    /**
     * Runs one reconciliation: every task ECS reports, as observed now ({@link TaskState#current}), followed by a
     * closing for each task the previous pass listed running that ECS now lists neither running nor stopped: an
     * observation stamped at the time the reconciler last saw it, {@code STOPPED} with {@code stoppedAt} then (also
     * {@code current}: wall-clock time, not event time). Empty when the pass did not complete ({@link #status} says why), since
     * a partial answer would look like tasks that vanished.
     */
    public List<TaskState> observe() {
        Instant started = clock.instant();
        int attemptsBefore = attempts.get();
        try {
            List<TaskState> observed = describeAll(started.toEpochMilli());
            status = new ReconcileStatus(started, started, null, observed.size(),
                    attempts.get() - attemptsBefore);
            Map<String, TaskState> seen = new HashMap<>();
            for (TaskState task : observed) {
                task.current = true;
                if (!"STOPPED".equals(task.lastStatus) && task.identity.stoppedAt == null) {
                    seen.put(task.identity.taskArn, task.copy());
                }
            }
            Set<String> listedNow = new java.util.HashSet<>();
            observed.forEach(task -> listedNow.add(task.identity.taskArn));
            List<TaskState> result = new ArrayList<>(observed);
            for (TaskState last : lastSeenRunning.values()) {
                if (!listedNow.contains(last.identity.taskArn)) {
                    TaskState closing = last.copy();
                    closing.lastStatus = "STOPPED";
                    closing.identity.stoppedAt = last.observedAt;
                    result.add(closing);
                }
            }
            lastSeenRunning = seen;
            return result;
        } catch (SdkException | IllegalStateException | IllegalArgumentException e) {
            status = new ReconcileStatus(started, status.lastSuccess(), oneLine(e), status.tasksSeen(),
                    attempts.get() - attemptsBefore);
            return List.of();
        }
    }

    public ReconcileStatus status() {
        return status;
    }

    private List<TaskState> describeAll(long observedAt) {
        List<TaskState> observed = new ArrayList<>();
        Map<String, TaskIdentity> running = new HashMap<>();
        Set<String> scopes = new LinkedHashSet<>();
        for (String cluster : ecs.listClustersPaginator(b -> { }).clusterArns()) {
            String[] arn = cluster.split(":", 6);
            if (arn.length == 6) {
                scopes.add(arn[3] + ":" + arn[4]);
            }
            Set<String> arns = new LinkedHashSet<>();
            for (DesiredStatus desired : new DesiredStatus[] {DesiredStatus.RUNNING, DesiredStatus.STOPPED}) {
                ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(desired)).taskArns().forEach(arns::add);
            }
            List<String> all = new ArrayList<>(arns);
            for (int i = 0; i < all.size(); i += DESCRIBE_TASKS_BATCH) {
                List<String> batch = all.subList(i, Math.min(all.size(), i + DESCRIBE_TASKS_BATCH));
                for (Task task : ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks()) {
                    TaskState state = TaskState.of(identity(task), task.version() == null ? 0 : task.version(),
                            task.lastStatus(), observedAt);
                    observed.add(state);
                    if (!"STOPPED".equals(task.lastStatus()) && state.identity.eniId != null) {
                        running.put(state.identity.eniId, state.identity);
                    }
                }
            }
            describeServices(cluster, observed);
        }
        describeEnis(running.keySet());
        Set<String> subnets = new LinkedHashSet<>();
        for (TaskState state : observed) {
            if (state.identity.subnetId != null) {
                subnets.add(state.identity.subnetId);
            }
        }
        describeSubnetsAndVpcs(subnets);
        for (TaskState state : observed) {
            TaskIdentity task = state.identity;
            EniInfo eni = task.eniId == null ? null : enis.getIfPresent(task.eniId);
            if (eni != null) {
                task.securityGroups = new ArrayList<>(eni.securityGroups());
                task.interfaceType = eni.interfaceType();
                task.vpcId = eni.vpcId();
                state.groupsFromEni = true;
            } else if (task.serviceName != null) {
                List<String> groups = serviceGroups.getIfPresent(task.clusterArn + "/" + task.serviceName);
                task.securityGroups = groups == null ? null : new ArrayList<>(groups); // null: unknown, not none
            }
        }
        for (TaskState state : observed) { // the index scopes addresses by VPC: a gone ENI's subnet still tells it
            if (state.identity.vpcId == null && state.identity.subnetId != null) {
                state.identity.vpcId = subnetVpcs.getIfPresent(state.identity.subnetId);
            }
        }
        listedScopes = Set.copyOf(scopes);
        return observed;
    }

    /** Caches each service's awsvpc security groups: the fallback for tasks whose ENI is already gone. */
    private void describeServices(String cluster, List<TaskState> observed) {
        List<String> missing = new ArrayList<>();
        for (TaskState state : observed) {
            String name = state.identity.serviceName;
            if (name != null && cluster.equals(state.identity.clusterArn) && !missing.contains(name)
                    && serviceGroups.getIfPresent(cluster + "/" + name) == null) {
                missing.add(name);
            }
        }
        for (int i = 0; i < missing.size(); i += DESCRIBE_SERVICES_BATCH) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + DESCRIBE_SERVICES_BATCH));
            for (Service service : ecs.describeServices(b -> b.cluster(cluster).services(batch)).services()) {
                List<String> groups = service.networkConfiguration() == null
                        || service.networkConfiguration().awsvpcConfiguration() == null ? List.of()
                        : service.networkConfiguration().awsvpcConfiguration().securityGroups();
                serviceGroups.put(cluster + "/" + service.serviceName(), List.copyOf(groups));
            }
        }
    }

    /** Looks up the ENIs not cached yet, by id filter (ids that no longer exist are simply not returned). */
    private void describeEnis(Set<String> eniIds) {
        List<String> missing = new ArrayList<>();
        for (String id : eniIds) {
            if (enis.getIfPresent(id) == null) {
                missing.add(id);
            }
        }
        for (int i = 0; i < missing.size(); i += DESCRIBE_ENIS_BATCH) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + DESCRIBE_ENIS_BATCH));
            Filter byId = Filter.builder().name("network-interface-id").values(batch).build();
            for (NetworkInterface eni : ec2.describeNetworkInterfacesPaginator(b -> b.filters(byId))
                    .networkInterfaces()) {
                List<String> groups = new ArrayList<>();
                for (GroupIdentifier group : eni.groups()) {
                    groups.add(group.groupId());
                }
                enis.put(eni.networkInterfaceId(), new EniInfo(List.copyOf(groups), eni.interfaceTypeAsString(),
                        eni.vpcId()));
            }
        }
    }

    /** Learns the CIDRs of the tasks' subnets and of their VPCs (EC2 DescribeSubnets, DescribeVpcs). */
    private void describeSubnetsAndVpcs(Set<String> subnetIds) {
        List<String> missing = new ArrayList<>();
        for (String id : subnetIds) {
            if (subnetCidrs.getIfPresent(id) == null) {
                missing.add(id);
            }
        }
        Set<String> vpcs = new LinkedHashSet<>();
        for (int i = 0; i < missing.size(); i += DESCRIBE_ENIS_BATCH) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + DESCRIBE_ENIS_BATCH));
            Filter byId = Filter.builder().name("subnet-id").values(batch).build();
            for (Subnet subnet : ec2.describeSubnetsPaginator(b -> b.filters(byId)).subnets()) {
                List<String> cidrs = new ArrayList<>();
                if (subnet.cidrBlock() != null) {
                    cidrs.add(subnet.cidrBlock());
                }
                subnet.ipv6CidrBlockAssociationSet().forEach(v6 -> cidrs.add(v6.ipv6CidrBlock()));
                subnetCidrs.put(subnet.subnetId(), List.copyOf(cidrs));
                if (subnet.vpcId() != null) {
                    subnetVpcs.put(subnet.subnetId(), subnet.vpcId());
                }
                if (subnet.vpcId() != null && vpcCidrs.getIfPresent(subnet.vpcId()) == null) {
                    vpcs.add(subnet.vpcId());
                }
            }
        }
        if (!vpcs.isEmpty()) {
            for (Vpc vpc : ec2.describeVpcsPaginator(b -> b.vpcIds(vpcs)).vpcs()) {
                List<String> cidrs = new ArrayList<>();
                vpc.cidrBlockAssociationSet().forEach(v4 -> cidrs.add(v4.cidrBlock()));
                if (cidrs.isEmpty() && vpc.cidrBlock() != null) {
                    cidrs.add(vpc.cidrBlock());
                }
                vpc.ipv6CidrBlockAssociationSet().forEach(v6 -> cidrs.add(v6.ipv6CidrBlock()));
                vpcCidrs.put(vpc.vpcId(), List.copyOf(cidrs));
            }
        }
    }

    /**
     * The capacity facts of the account, through the same rate-limited clients as a reconciliation: ECS
     * {@code ListClusters} → {@code ListContainerInstances} → {@code DescribeContainerInstances} (100 a call) for
     * each instance's type, trunk ENI ({@code ecs.awsvpc-trunk-id}) and registered and remaining CPU and memory; EC2
     * {@code DescribeInstanceTypes} (100 a call) for those types' ENI limits; EC2 {@code DescribeSubnets} for
     * {@code subnetIds} (the task subnets) with their available addresses, which change with every task, so they are
     * not cached. An SDK failure propagates: a partial answer would look like a smaller fleet.
     */
    public CapacityFacts describeCapacity(java.util.Collection<String> subnetIds) {
        final int describeInstancesBatch = 100; // DescribeContainerInstances' most per call
        final int describeTypesBatch = 100; // DescribeInstanceTypes' most per call
        List<CapacityFacts.ContainerInstanceFact> instances = new ArrayList<>();
        Set<String> types = new java.util.TreeSet<>();
        for (String cluster : ecs.listClustersPaginator(b -> { }).clusterArns()) {
            List<String> arns = new ArrayList<>();
            ecs.listContainerInstancesPaginator(b -> b.cluster(cluster)).containerInstanceArns().forEach(arns::add);
            for (int i = 0; i < arns.size(); i += describeInstancesBatch) {
                List<String> batch = arns.subList(i, Math.min(arns.size(), i + describeInstancesBatch));
                for (ContainerInstance instance : ecs.describeContainerInstances(b -> b.cluster(cluster)
                        .containerInstances(batch)).containerInstances()) {
                    CapacityFacts.ContainerInstanceFact fact = containerInstance(instance);
                    instances.add(fact);
                    if (fact.instanceType() != null) {
                        types.add(fact.instanceType());
                    }
                }
            }
        }
        List<CapacityFacts.InstanceTypeFact> typeFacts = new ArrayList<>();
        List<String> typeList = new ArrayList<>(types);
        for (int i = 0; i < typeList.size(); i += describeTypesBatch) {
            List<String> batch = typeList.subList(i, Math.min(typeList.size(), i + describeTypesBatch));
            for (InstanceTypeInfo type : ec2.describeInstanceTypesPaginator(b -> b.instanceTypesWithStrings(batch))
                    .instanceTypes()) {
                var network = type.networkInfo();
                typeFacts.add(new CapacityFacts.InstanceTypeFact(type.instanceTypeAsString(),
                        network == null || network.maximumNetworkInterfaces() == null ? 0
                                : network.maximumNetworkInterfaces(),
                        network == null || network.ipv4AddressesPerInterface() == null ? 0
                                : network.ipv4AddressesPerInterface(),
                        type.vCpuInfo() == null || type.vCpuInfo().defaultVCpus() == null ? 0
                                : type.vCpuInfo().defaultVCpus(),
                        type.memoryInfo() == null || type.memoryInfo().sizeInMiB() == null ? 0
                                : type.memoryInfo().sizeInMiB()));
            }
        }
        List<CapacityFacts.SubnetFact> subnets = new ArrayList<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(subnetIds));
        for (int i = 0; i < ids.size(); i += DESCRIBE_ENIS_BATCH) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + DESCRIBE_ENIS_BATCH));
            Filter byId = Filter.builder().name("subnet-id").values(batch).build();
            for (Subnet subnet : ec2.describeSubnetsPaginator(b -> b.filters(byId)).subnets()) {
                subnets.add(new CapacityFacts.SubnetFact(subnet.subnetId(), subnet.vpcId(),
                        subnet.availabilityZone(), subnet.cidrBlock(),
                        subnet.availableIpAddressCount() == null ? 0 : subnet.availableIpAddressCount(),
                        subnet.ownerId()));
            }
        }
        return new CapacityFacts(subnets, instances, typeFacts);
    }

    private static CapacityFacts.ContainerInstanceFact containerInstance(ContainerInstance instance) {
        String type = null;
        String trunk = null;
        for (software.amazon.awssdk.services.ecs.model.Attribute attribute : instance.attributes()) {
            if ("ecs.instance-type".equals(attribute.name())) {
                type = attribute.value();
            } else if ("ecs.awsvpc-trunk-id".equals(attribute.name())) {
                trunk = attribute.value();
            }
        }
        int[] registered = cpuAndMemory(instance.registeredResources());
        int[] remaining = cpuAndMemory(instance.remainingResources());
        if (instance.containerInstanceArn() == null) {
            throw new IllegalArgumentException("DescribeContainerInstances returned an instance without"
                    + " containerInstanceArn");
        }
        return new CapacityFacts.ContainerInstanceFact(instance.containerInstanceArn(), instance.ec2InstanceId(), type,
                trunk, registered[0], registered[1], remaining[0], remaining[1]);
    }

    private static int[] cpuAndMemory(List<software.amazon.awssdk.services.ecs.model.Resource> resources) {
        int[] values = new int[2];
        for (software.amazon.awssdk.services.ecs.model.Resource resource : resources) {
            if ("CPU".equals(resource.name()) && resource.integerValue() != null) {
                values[0] = resource.integerValue();
            } else if ("MEMORY".equals(resource.name()) && resource.integerValue() != null) {
                values[1] = resource.integerValue();
            }
        }
        return values;
    }

    /** CIDRs of the subnets tasks were seen in: where a task address can be (for holding back flows). */
    public Set<String> taskSubnetCidrs() {
        Set<String> cidrs = new LinkedHashSet<>();
        subnetCidrs.asMap().values().forEach(cidrs::addAll);
        return cidrs;
    }

    /** CIDRs of the VPCs tasks were seen in: the {@code same-vpc} peers. */
    public Set<String> vpcCidrs() {
        Set<String> cidrs = new LinkedHashSet<>();
        vpcCidrs.asMap().values().forEach(cidrs::addAll);
        return cidrs;
    }

    /** A DescribeTasks task as the index's identity. */
    static TaskIdentity identity(Task task) {
        TaskIdentity identity = new TaskIdentity();
        identity.taskArn = require(task.taskArn(), "taskArn");
        String[] arn = identity.taskArn.split(":", 6);
        if (arn.length == 6) {
            identity.region = arn[3];
            identity.accountId = arn[4];
        }
        identity.taskId = identity.taskArn.substring(identity.taskArn.lastIndexOf('/') + 1);
        identity.clusterArn = task.clusterArn();
        identity.clusterName = afterLast(task.clusterArn());
        identity.group = task.group();
        identity.serviceName = task.group() != null && task.group().startsWith("service:")
                ? task.group().substring("service:".length()) : null;
        identity.taskDefinitionArn = task.taskDefinitionArn();
        identity.taskDefinition = afterLast(task.taskDefinitionArn());
        identity.launchType = task.launchTypeAsString();
        identity.capacityProvider = task.capacityProviderName();
        identity.containerInstanceArn = task.containerInstanceArn();
        identity.availabilityZone = task.availabilityZone();
        identity.createdAt = millis(task.createdAt());
        identity.startedAt = millis(task.startedAt());
        identity.stoppedAt = millis(task.stoppedAt());
        for (Attachment attachment : task.attachments()) {
            if (!"ElasticNetworkInterface".equals(attachment.type()) && !"eni".equals(attachment.type())) {
                continue;
            }
            for (KeyValuePair pair : attachment.details()) {
                if (pair.name() == null || pair.value() == null) {
                    continue;
                }
                switch (pair.name()) {
                    case "networkInterfaceId": identity.eniId = pair.value(); break;
                    case "subnetId": identity.subnetId = pair.value(); break;
                    case "macAddress": identity.macAddress = pair.value(); break;
                    case "privateIPv4Address": identity.privateIpv4 = pair.value(); break;
                    case "ipv6Address":
                    case "privateIPv6Address": identity.ipv6 = pair.value(); break;
                    default: break;
                }
            }
        }
        return identity;
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("DescribeTasks returned a task without " + name);
        }
        return value;
    }

    private static String afterLast(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    @Override
    public void close() {
        ecs.close();
        ec2.close();
    }
}
