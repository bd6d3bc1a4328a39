package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowlens.enrich.aws.EcsReconciler;
import dev.flowlens.enrich.aws.ReconcilerSettings;
import dev.flowlens.schemas.TaskState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The simulated account through the real AWS SDK v2 clients against {@link LocalAwsEndpoint}: what ECS and EC2 say
 * at the simulation's end equals the simulation's truth, page by page, and the reconciler reading it gives every
 * running task its true security groups.
 */
class LocalAwsEndpointTest {
    private static final Simulation SIM = new Simulation(SimConfig.defaults().withDuration(20));
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDLOCAL", "local"));

    private LocalAwsEndpoint endpoint;
    private EcsClient ecs;
    private Ec2Client ec2;

    @BeforeEach
    void setUp() throws Exception {
        endpoint = LocalAwsEndpoint.start(SIM);
        ecs = EcsClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint.uri()).build();
        ec2 = Ec2Client.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint.uri()).build();
    }

    @AfterEach
    void tearDown() {
        ecs.close();
        ec2.close();
        endpoint.close();
    }

    /** Tasks by ARN that hold their address at the simulation's end, from the fleet's history. */
    private static Map<String, SimTask> runningAtEnd() {
        Map<String, SimTask> running = new HashMap<>();
        for (SimTask task : SIM.fleet.live(SIM.endSecond() - 1)) {
            running.put(arn(task), task);
        }
        return running;
    }

    private static String arn(SimTask task) {
        return "arn:aws:ecs:us-east-1:" + SIM.config.accountId() + ":task/" + (task.standalone ? "batch" : "prod")
                + "/" + task.id;
    }

    @Test
    void listsTheRunningAndTheRecentlyStoppedTasksPageByPage() {
        List<String> clusters = ecs.listClustersPaginator(b -> b.maxResults(1)).clusterArns().stream().toList();
        assertThat(clusters).containsExactly("arn:aws:ecs:us-east-1:" + SIM.config.accountId() + ":cluster/prod",
                "arn:aws:ecs:us-east-1:" + SIM.config.accountId() + ":cluster/batch");

        Set<String> running = new HashSet<>();
        Set<String> stopped = new HashSet<>();
        int pages = 0;
        for (String cluster : clusters) {
            for (var page : ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)
                    .maxResults(7))) {
                running.addAll(page.taskArns());
                pages++;
            }
            ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.STOPPED)).taskArns()
                    .forEach(stopped::add);
        }
        assertThat(pages).isGreaterThan(2);
        assertThat(running).isEqualTo(runningAtEnd().keySet());
        Set<String> recentlyStopped = new HashSet<>();
        for (SimTask task : SIM.fleet.tasks) {
            if (task.stoppedAt >= SIM.endSecond() - 3600 && task.stoppedAt < SIM.endSecond()) {
                recentlyStopped.add(arn(task));
            }
        }
        assertThat(recentlyStopped).isNotEmpty();
        assertThat(stopped).isEqualTo(recentlyStopped);
    }

    @Test
    void describesTasksWithTheirEniAddressGroupAndTimes() {
        List<String> arns = new ArrayList<>(runningAtEnd().keySet()).subList(0, 20);
        SimTask stoppedTask = SIM.fleet.tasks.stream().filter(t -> t.stoppedAt >= SIM.endSecond() - 600
                && t.stoppedAt < SIM.endSecond() && !t.standalone).findFirst().orElseThrow();
        List<String> wanted = new ArrayList<>(arns);
        wanted.add(arn(stoppedTask));
        wanted.add(arn(stoppedTask).replace(stoppedTask.id, "0".repeat(32)));
        var response = ecs.describeTasks(b -> b.cluster("prod").tasks(wanted));
        assertThat(response.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        Map<String, Task> described = new HashMap<>();
        response.tasks().forEach(task -> described.put(task.taskArn(), task));
        for (String arn : arns) {
            SimTask truth = runningAtEnd().get(arn);
            if (truth.standalone) {
                continue; // described in the batch cluster only
            }
            Task task = described.get(arn);
            assertThat(task.lastStatus()).isEqualTo("RUNNING");
            assertThat(task.group()).isEqualTo("service:" + truth.service);
            assertThat(task.taskDefinitionArn()).endsWith(":task-definition/" + truth.service + ":12");
            assertThat(task.createdAt().getEpochSecond()).isEqualTo(truth.reportedCreatedAt);
            assertThat(task.stoppedAt()).isNull();
            Map<String, String> details = new HashMap<>();
            for (KeyValuePair pair : task.attachments().get(0).details()) {
                details.put(pair.name(), pair.value());
            }
            assertThat(details).containsEntry("networkInterfaceId", truth.eniId)
                    .containsEntry("privateIPv4Address", truth.ip).containsEntry("subnetId", Fleet.subnetId(truth.az));
        }
        Task stopped = described.get(arn(stoppedTask));
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stoppedAt().getEpochSecond()).isEqualTo(stoppedTask.stoppedAt);
        assertThat(stopped.attachments().get(0).status()).isEqualTo("DELETED");

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("task" + i);
        }
        EcsException error = catchThrowableOfType(EcsException.class,
                () -> ecs.describeTasks(b -> b.cluster("prod").tasks(tooMany)));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        error = catchThrowableOfType(EcsException.class, () -> ecs.listTasks(b -> b.cluster("no-such-cluster")));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ClusterNotFoundException");
    }

    @Test
    void describesServicesWithTheirAwsvpcGroups() {
        List<String> names = List.of(SIM.fleet.serviceNames).subList(0, 10);
        var services = ecs.describeServices(b -> b.cluster("prod").services(names)).services();
        assertThat(services).hasSize(10);
        for (var service : services) {
            assertThat(service.networkConfiguration().awsvpcConfiguration().securityGroups())
                    .isEqualTo(SIM.fleet.serviceGroups.get(SIM.fleet.serviceIndex(service.serviceName())));
        }
    }

    @Test
    void describesTheEnisThatExistAtTheEndWithTheirGroupsSubnetsAndVpc() {
        Filter inVpc = Filter.builder().name("vpc-id").values(Simulation.VPC_ID).build();
        List<NetworkInterface> enis = new ArrayList<>();
        int pages = 0;
        for (var page : ec2.describeNetworkInterfacesPaginator(b -> b.filters(inVpc).maxResults(5))) {
            enis.addAll(page.networkInterfaces());
            pages++;
        }
        Map<String, List<String>> groups = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (NetworkInterface eni : enis) {
            groups.put(eni.networkInterfaceId(), eni.groups().stream().map(GroupIdentifier::groupId).toList());
            types.put(eni.networkInterfaceId(), eni.interfaceTypeAsString());
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(groups).hasSize(enis.size()); // no ENI twice across pages
        int taskEnis = 0;
        for (SimTask task : runningAtEnd().values()) {
            if (task.trunkEniId == null) {
                assertThat(groups.get(task.eniId)).as(task.eniId).isEqualTo(task.securityGroups);
                assertThat(types.get(task.eniId)).isEqualTo("interface");
                taskEnis++;
            }
        }
        assertThat(types.values().stream().filter("trunk"::equals).count()).isEqualTo(12);
        assertThat(enis).hasSize(taskEnis + 12);

        Filter byId = Filter.builder().name("network-interface-id").values(enis.get(0).networkInterfaceId(),
                "eni-0deleted").build();
        assertThat(ec2.describeNetworkInterfaces(b -> b.filters(byId)).networkInterfaces()).hasSize(1);
        Ec2Exception missing = catchThrowableOfType(Ec2Exception.class,
                () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds("eni-0deleted")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidNetworkInterfaceID.NotFound");

        List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(inVpc)).subnets();
        assertThat(subnets.stream().map(Subnet::cidrBlock).toList()).isEqualTo(SIM.taskSubnets());
        assertThat(subnets).allMatch(s -> s.availableIpAddressCount() > 0 && s.vpcId().equals(Simulation.VPC_ID));
        assertThat(ec2.describeVpcs(b -> b.vpcIds(Simulation.VPC_ID)).vpcs()).singleElement()
                .satisfies(vpc -> assertThat(vpc.cidrBlock()).isEqualTo(SIM.vpcCidrs().get(0)));
    }

    @Test
    void answersUnknownOperationsWithAwsErrors() {
        EcsException ecsError = catchThrowableOfType(EcsException.class, () -> ecs.listServices(b -> b.cluster("prod")));
        assertThat(ecsError.statusCode()).isEqualTo(400);
        assertThat(ecsError.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        Ec2Exception ec2Error = catchThrowableOfType(Ec2Exception.class, () -> ec2.describeInstances());
        assertThat(ec2Error.statusCode()).isEqualTo(400);
        assertThat(ec2Error.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
    }

    @Test
    void theReconcilerReadingItGivesEveryRunningTaskItsTrueGroups() {
        try (EcsReconciler reconciler = EcsReconciler.create(Region.US_EAST_1, CREDENTIALS, endpoint.uri(),
                endpoint.uri(), new ReconcilerSettings(1000, 3, java.time.Duration.ofMillis(5),
                        java.time.Duration.ofMillis(50), java.time.Duration.ofHours(1), 10_000), Clock.systemUTC())) {
            List<TaskState> observed = reconciler.observe();
            assertThat(reconciler.status().lastError()).isNull();
            Map<String, SimTask> running = runningAtEnd();
            Map<String, TaskState> byArn = new HashMap<>();
            observed.forEach(state -> byArn.put(state.identity.taskArn, state));
            assertThat(observed).hasSize(endpoint.listedTasks());
            for (Map.Entry<String, SimTask> entry : running.entrySet()) {
                TaskState state = byArn.get(entry.getKey());
                SimTask truth = entry.getValue();
                assertThat(state.lastStatus).isEqualTo("RUNNING");
                assertThat(state.current).isTrue();
                assertThat(state.identity.privateIpv4).isEqualTo(truth.ip);
                assertThat(state.identity.eniId).isEqualTo(truth.eniId);
                // a task's own ENI, else (trunked, or standalone whose ENI EC2 describes) its service's groups
                assertThat(state.identity.securityGroups).as(truth.id).isEqualTo(truth.securityGroups);
            }
            for (TaskState state : observed) {
                if ("STOPPED".equals(state.lastStatus)) {
                    SimTask truth = SIM.task(state.identity.taskId);
                    assertThat(state.identity.stoppedAt).isEqualTo(truth.stoppedAt * 1000);
                    // the ENI is gone: a service's task keeps its service's groups, a standalone one is unknown
                    assertThat(state.identity.securityGroups).isEqualTo(truth.standalone ? null : truth.securityGroups);
                }
            }
            assertThat(reconciler.vpcCidrs()).containsExactlyElementsOf(SIM.vpcCidrs());
            assertThat(reconciler.taskSubnetCidrs()).containsExactlyInAnyOrderElementsOf(SIM.taskSubnets());
        }
        assertThat(endpoint.calls()).contains("ecs:ListClusters", "ecs:ListTasks", "ecs:DescribeTasks",
                "ecs:DescribeServices", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeVpcs");
    }
}
