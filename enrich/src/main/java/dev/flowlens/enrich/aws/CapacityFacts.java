package dev.flowlens.enrich.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the ECS and EC2 APIs say about capacity, from {@link EcsReconciler#describeCapacity}: the task subnets with
 * their available addresses, the container instances with their types, trunk ENIs and registered and remaining CPU
 * and memory, and the instance types' ENI limits. {@link #writeExports} writes them as the AWS CLI prints them, the
 * files {@code flowlens report capacity --metadata} reads.
 */
public record CapacityFacts(List<SubnetFact> subnets, List<ContainerInstanceFact> containerInstances,
        List<InstanceTypeFact> instanceTypes) {

    public record SubnetFact(String subnetId, String vpcId, String availabilityZone, String cidr,
            int availableAddresses, String ownerId) {}

    /** A container instance; {@code trunkEniId} is its {@code ecs.awsvpc-trunk-id} attribute, null without trunking. */
    public record ContainerInstanceFact(String arn, String instanceId, String instanceType, String trunkEniId,
            int registeredCpu, int registeredMemory, int remainingCpu, int remainingMemory) {}

    public record InstanceTypeFact(String instanceType, int maximumNetworkInterfaces, int ipv4AddressesPerInterface,
            int vcpus, long memoryMib) {}

    /** Writes {@code subnets.json}, {@code container-instances.json} and {@code instance-types.json} in {@code dir}. */
    public void writeExports(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(dir);
        ObjectNode subnetsRoot = json.createObjectNode();
        ArrayNode subnetList = subnetsRoot.putArray("Subnets");
        for (SubnetFact subnet : subnets) {
            subnetList.addObject().put("SubnetId", subnet.subnetId()).put("VpcId", subnet.vpcId())
                    .put("AvailabilityZone", subnet.availabilityZone()).put("CidrBlock", subnet.cidr())
                    .put("AvailableIpAddressCount", subnet.availableAddresses()).put("OwnerId", subnet.ownerId());
        }
        ObjectNode instancesRoot = json.createObjectNode();
        ArrayNode instanceList = instancesRoot.putArray("containerInstances");
        for (ContainerInstanceFact instance : containerInstances) {
            ObjectNode node = instanceList.addObject();
            node.put("containerInstanceArn", instance.arn());
            node.put("ec2InstanceId", instance.instanceId());
            ArrayNode attributes = node.putArray("attributes");
            attributes.addObject().put("name", "ecs.instance-type").put("value", instance.instanceType());
            if (instance.trunkEniId() != null) {
                attributes.addObject().put("name", "ecs.awsvpc-trunk-id").put("value", instance.trunkEniId());
            }
            resources(node.putArray("registeredResources"), instance.registeredCpu(), instance.registeredMemory());
            resources(node.putArray("remainingResources"), instance.remainingCpu(), instance.remainingMemory());
        }
        instancesRoot.putArray("failures");
        ObjectNode typesRoot = json.createObjectNode();
        ArrayNode typeList = typesRoot.putArray("InstanceTypes");
        for (InstanceTypeFact type : instanceTypes) {
            ObjectNode node = typeList.addObject();
            node.put("InstanceType", type.instanceType());
            node.putObject("VCpuInfo").put("DefaultVCpus", type.vcpus());
            node.putObject("MemoryInfo").put("SizeInMiB", type.memoryMib());
            node.putObject("NetworkInfo").put("MaximumNetworkInterfaces", type.maximumNetworkInterfaces())
                    .put("Ipv4AddressesPerInterface", type.ipv4AddressesPerInterface());
        }
        var pretty = json.writerWithDefaultPrettyPrinter();
        Files.writeString(dir.resolve("subnets.json"), pretty.writeValueAsString(subnetsRoot));
        Files.writeString(dir.resolve("container-instances.json"), pretty.writeValueAsString(instancesRoot));
        Files.writeString(dir.resolve("instance-types.json"), pretty.writeValueAsString(typesRoot));
    }

    private static void resources(ArrayNode into, int cpu, int memory) {
        into.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", cpu);
        into.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", memory);
    }
}
