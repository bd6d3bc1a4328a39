package dev.flowlens.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The exports {@code flowlens report capacity} reads beside the events and the ENIs, shaped as the AWS CLI prints
 * them at the end of the run: {@code metadata/subnets.json} ({@code aws ec2 describe-subnets}),
 * {@code metadata/container-instances.json} ({@code aws ecs describe-container-instances}) and
 * {@code metadata/instance-types.json} ({@code aws ec2 describe-instance-types}); and the truth they are judged by:
 * {@code truth/placements.tsv} (each task's address, subnet, hold, instance and reservation) and
 * {@code truth/container-instances.tsv}.
 */
final class CapacityExports {
    private final Simulation sim;
    private final ObjectMapper json;

    CapacityExports(Simulation sim, ObjectMapper json) {
        this.sim = sim;
        this.json = json;
    }

    void write(Path out) throws IOException {
        Files.writeString(out.resolve("metadata/subnets.json"), pretty(subnets()));
        Files.writeString(out.resolve("metadata/container-instances.json"), pretty(containerInstances()));
        Files.writeString(out.resolve("metadata/instance-types.json"), pretty(instanceTypes()));
        try (Writer tsv = Files.newBufferedWriter(out.resolve("truth/placements.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("task_id\tip\tsubnet_id\tholds_from\treported_created_at\tstopped_at\tcontainer_instance_arn"
                    + "\tcpu\tmemory\n");
            for (SimTask task : sim.fleet.tasks) {
                tsv.write(task.id + "\t" + task.ip + "\t" + Fleet.subnetId(task.az) + "\t" + task.holdsFrom + "\t"
                        + task.reportedCreatedAt + "\t" + (task.stoppedAt < 0 ? "-" : Long.toString(task.stoppedAt))
                        + "\t" + (task.instance == null ? "-" : task.instance.arn) + "\t" + task.cpu + "\t"
                        + task.memory + "\n");
            }
        }
        try (Writer tsv = Files.newBufferedWriter(out.resolve("truth/container-instances.tsv"),
                StandardCharsets.UTF_8)) {
            tsv.write("container_instance_arn\tinstance_id\tinstance_type\ttrunking\ttrunk_eni\tsubnet_id"
                    + "\teni_task_limit\tbranch_eni_limit\tregistered_cpu\tregistered_memory\n");
            for (ContainerInstances.Instance instance : sim.instances.instances) {
                tsv.write(instance.arn + "\t" + instance.instanceId + "\t" + instance.type.name() + "\t"
                        + instance.trunking + "\t" + (instance.trunking ? instance.trunkEniId : "-") + "\t"
                        + Fleet.subnetId(instance.az) + "\t" + instance.type.eniTaskLimit() + "\t"
                        + instance.type.branchEniLimit() + "\t" + instance.type.registeredCpu() + "\t"
                        + instance.type.registeredMemory() + "\n");
            }
        }
    }

    private String pretty(ObjectNode node) throws IOException {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** The task subnets, with the addresses left at the end: usable less the ENIs then in each. */
    private ObjectNode subnets() {
        SimConfig config = sim.config;
        ObjectNode root = json.createObjectNode();
        ArrayNode subnets = root.putArray("Subnets");
        int usable = sim.fleet.subnetSize() - 5;
        for (int az = 0; az < 3; az++) {
            int enis = sim.fleet.trunkEnis[az].length; // the trunk ENIs of the AZ's trunking instances
            for (SimTask task : sim.fleet.tasks) {
                if (task.az == az && task.trunkEniId == null && existsAtEnd(task)) {
                    enis++;
                }
            }
            String id = Fleet.subnetId(az);
            ObjectNode subnet = subnets.addObject();
            subnet.put("AvailabilityZone", config.region() + (char) ('a' + az));
            subnet.put("AvailabilityZoneId", "use1-az" + (az + 1));
            subnet.put("AvailableIpAddressCount", usable - enis);
            subnet.put("CidrBlock", Fleet.subnetCidr(az, config.subnetPrefix()));
            subnet.put("DefaultForAz", false);
            subnet.put("MapPublicIpOnLaunch", false);
            subnet.put("State", "available");
            subnet.put("SubnetId", id);
            subnet.put("VpcId", Simulation.VPC_ID);
            subnet.put("OwnerId", config.accountId());
            subnet.put("AssignIpv6AddressOnCreation", false);
            subnet.putArray("Ipv6CidrBlockAssociationSet");
            subnet.put("SubnetArn", "arn:aws:ec2:" + config.region() + ":" + config.accountId() + ":subnet/" + id);
        }
        return root;
    }

    /** As {@code ScenarioWriter}'s ENI export: a task's ENI exists at the end unless it stopped before. */
    private boolean existsAtEnd(SimTask task) {
        return task.stoppedAt < 0 || task.stoppedAt >= sim.endSecond();
    }

    private ObjectNode containerInstances() {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("containerInstances");
        for (ContainerInstances.Instance instance : sim.instances.instances) {
            int running = 0;
            int cpu = 0;
            int memory = 0;
            for (SimTask task : instance.tasks) {
                if (task.liveAt(sim.endSecond() - 1)) {
                    running++;
                    cpu += task.cpu;
                    memory += task.memory;
                }
            }
            ObjectNode node = list.addObject();
            node.put("containerInstanceArn", instance.arn);
            node.put("ec2InstanceId", instance.instanceId);
            node.put("version", 12);
            node.put("status", "ACTIVE");
            node.put("agentConnected", true);
            node.put("runningTasksCount", running);
            node.put("pendingTasksCount", 0);
            resources(node.putArray("remainingResources"), instance.type.registeredCpu() - cpu,
                    instance.type.registeredMemory() - memory);
            resources(node.putArray("registeredResources"), instance.type.registeredCpu(),
                    instance.type.registeredMemory());
            ArrayNode attributes = node.putArray("attributes");
            attributes.addObject().put("name", "ecs.availability-zone")
                    .put("value", sim.config.region() + (char) ('a' + instance.az));
            attributes.addObject().put("name", "ecs.instance-type").put("value", instance.type.name());
            attributes.addObject().put("name", "ecs.os-type").put("value", "linux");
            attributes.addObject().put("name", "ecs.capability.task-eni");
            if (instance.trunking) {
                attributes.addObject().put("name", "ecs.awsvpc-trunk-id").put("value", instance.trunkEniId);
            }
            node.putArray("attachments");
            node.put("capacityProviderName", instance.trunking ? "ec2-trunked" : "ec2-untrunked");
        }
        root.putArray("failures");
        return root;
    }

    private static void resources(ArrayNode into, int cpu, int memory) {
        into.addObject().put("name", "CPU").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", cpu);
        into.addObject().put("name", "MEMORY").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", memory);
    }

    private ObjectNode instanceTypes() {
        Set<ContainerInstances.InstanceType> used = new LinkedHashSet<>();
        for (ContainerInstances.Instance instance : sim.instances.instances) {
            used.add(instance.type);
        }
        ObjectNode root = json.createObjectNode();
        ArrayNode types = root.putArray("InstanceTypes");
        for (ContainerInstances.InstanceType type : ContainerInstances.TYPES) {
            if (!used.contains(type)) {
                continue;
            }
            ObjectNode node = types.addObject();
            node.put("InstanceType", type.name());
            node.put("CurrentGeneration", true);
            node.putObject("VCpuInfo").put("DefaultVCpus", type.vcpus()).put("DefaultCores", type.vcpus() / 2)
                    .put("DefaultThreadsPerCore", 2);
            node.putObject("MemoryInfo").put("SizeInMiB", type.memoryMib());
            ObjectNode network = node.putObject("NetworkInfo");
            network.put("NetworkPerformance", "Up to 10 Gigabit");
            network.put("MaximumNetworkInterfaces", type.maximumNetworkInterfaces());
            network.put("MaximumNetworkCards", 1);
            network.put("DefaultNetworkCardIndex", 0);
            network.putArray("NetworkCards").addObject().put("NetworkCardIndex", 0)
                    .put("NetworkPerformance", "Up to 10 Gigabit")
                    .put("MaximumNetworkInterfaces", type.maximumNetworkInterfaces());
            network.put("Ipv4AddressesPerInterface", type.ipv4AddressesPerInterface());
            network.put("Ipv6AddressesPerInterface", type.ipv4AddressesPerInterface());
            network.put("Ipv6Supported", true);
            network.put("EnaSupport", "required");
        }
        return root;
    }
}
