package dev.flowlens.enrich.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * The reconciler's capacity facts through the real AWS SDK clients against the local endpoint speaking ECS's JSON 1.1
 * (ListContainerInstances, DescribeContainerInstances) and EC2's query protocol (DescribeInstanceTypes,
 * DescribeSubnets).
 */
class EcsReconcilerCapacityTest {
    private static final String PROD = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
    private static final String BATCH = "arn:aws:ecs:us-east-1:111122223333:cluster/batch";

    @TempDir
    Path dir;
    private FakeAwsApis aws;
    private EcsReconciler reconciler;

    @BeforeEach
    void setUp() throws Exception {
        aws = new FakeAwsApis();
        ReconcilerSettings fast = new ReconcilerSettings(1000, 6, Duration.ofMillis(5), Duration.ofMillis(40),
                Duration.ofHours(1), 10_000);
        reconciler = EcsReconciler.create(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                aws.endpoint(), aws.endpoint(), fast, Clock.systemUTC());
        // 45 trunked c5.large in prod (two ListContainerInstances pages), one untrunked m5.xlarge in batch
        for (int i = 0; i < 45; i++) {
            aws.containerInstances.computeIfAbsent(PROD, k -> new java.util.ArrayList<>()).add(aws.containerInstance(
                    PROD, String.format("%032x", i), String.format("i-0%016x", i), "c5.large",
                    String.format("eni-0%016x", i), 2048, 3840, 2048 - 256 * (i % 3), 3840 - 512 * (i % 3)));
        }
        aws.containerInstances.put(BATCH, new java.util.ArrayList<>(List.of(aws.containerInstance(BATCH,
                "ffffffffffffffffffffffffffffffff", "i-0bbbbbbbbbbbbbbbb", "m5.xlarge", null, 4096, 15360, 3584,
                14336))));
        aws.instanceTypes.put("c5.large", new int[] {3, 10, 2, 4096});
        aws.instanceTypes.put("m5.xlarge", new int[] {4, 15, 4, 16384});
        aws.availableAddresses = 4011;
    }

    @AfterEach
    void tearDown() {
        reconciler.close();
        aws.close();
    }

    @Test
    void containerInstancesTheirTypesAndTheSubnetsAvailableAddresses() {
        CapacityFacts facts = reconciler.describeCapacity(List.of("subnet-0a1b2c3d"));
        assertThat(facts.containerInstances()).hasSize(46);
        CapacityFacts.ContainerInstanceFact first = facts.containerInstances().get(0);
        assertThat(first).isEqualTo(new CapacityFacts.ContainerInstanceFact(
                "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/" + String.format("%032x", 0),
                "i-00000000000000000", "c5.large", "eni-00000000000000000", 2048, 3840, 2048, 3840));
        assertThat(facts.containerInstances().get(2).remainingCpu()).isEqualTo(2048 - 512);
        CapacityFacts.ContainerInstanceFact untrunked = facts.containerInstances().get(45);
        assertThat(untrunked.trunkEniId()).isNull();
        assertThat(untrunked.instanceType()).isEqualTo("m5.xlarge");
        assertThat(untrunked.registeredMemory()).isEqualTo(15360);
        assertThat(facts.instanceTypes()).containsExactly(
                new CapacityFacts.InstanceTypeFact("c5.large", 3, 10, 2, 4096),
                new CapacityFacts.InstanceTypeFact("m5.xlarge", 4, 15, 4, 16384));
        assertThat(facts.subnets()).containsExactly(new CapacityFacts.SubnetFact("subnet-0a1b2c3d",
                "vpc-0a1b2c3d4e5f60718", "us-east-1a", "10.0.0.0/20", 4011, "111122223333"));
        assertThat(aws.calls).containsSubsequence("ecs:ListClusters", "ecs:ListContainerInstances",
                "ecs:ListContainerInstances", "ecs:DescribeContainerInstances(45)", "ecs:ListContainerInstances",
                "ecs:DescribeContainerInstances(1)", "ec2:DescribeInstanceTypes(2)", "ec2:DescribeSubnets(1)");
    }

    @Test
    void throttlingIsRetriedByTheSameClientsAndAnOutagePropagates() {
        aws.throttleEcs.set(2);
        assertThat(reconciler.describeCapacity(List.of()).containerInstances()).hasSize(46);
        assertThat(aws.calls).startsWith("ecs:throttled", "ecs:throttled", "ecs:ListClusters");
        aws.down = true;
        assertThatThrownBy(() -> reconciler.describeCapacity(List.of())).isInstanceOf(SdkException.class);
    }

    @Test
    void theExportsAreShapedAsTheAwsCliPrintsThem() throws Exception {
        reconciler.describeCapacity(List.of("subnet-0a1b2c3d")).writeExports(dir);
        ObjectMapper json = new ObjectMapper();
        JsonNode subnet = json.readTree(dir.resolve("subnets.json").toFile()).get("Subnets").get(0);
        assertThat(subnet.get("AvailableIpAddressCount").asInt()).isEqualTo(4011);
        assertThat(subnet.get("CidrBlock").asText()).isEqualTo("10.0.0.0/20");
        JsonNode instance = json.readTree(dir.resolve("container-instances.json").toFile()).get("containerInstances")
                .get(0);
        assertThat(instance.get("attributes").toString()).contains("{\"name\":\"ecs.awsvpc-trunk-id\","
                + "\"value\":\"eni-00000000000000000\"}");
        assertThat(instance.get("registeredResources").get(0).get("integerValue").asInt()).isEqualTo(2048);
        JsonNode type = json.readTree(dir.resolve("instance-types.json").toFile()).get("InstanceTypes").get(1);
        assertThat(type.get("NetworkInfo").get("MaximumNetworkInterfaces").asInt()).isEqualTo(4);
    }
}
