package dev.flowlens.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small account whose capacity is known, worked out by hand in the comments: two task subnets (a /28 that fills up
 * and a /24), a NAT gateway ENI and an endpoint ENI with two addresses, six tasks (one address reused by a task created
 * while its previous owner still stopped), three container instances (untrunked c5.large at its ENI limit, trunked
 * m5.xlarge, and a c5n.large, a type the trunking table leaves out), written as the exports {@code report capacity}
 * reads. The period is 2026-05-01 10:00 to 13:00 UTC.
 */
public final class CapacityScenario {
    public static final String ACCOUNT = "111122223333";
    public static final Period PERIOD = new Period(1777629600L, 1777640400L);
    static final String ARN = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":";
    static final String CI_1 = ARN + "container-instance/prod/1111aaaa1111aaaa1111aaaa1111aaaa";
    static final String CI_2 = ARN + "container-instance/prod/2222bbbb2222bbbb2222bbbb2222bbbb";
    static final String CI_3 = ARN + "container-instance/prod/3333cccc3333cccc3333cccc3333cccc";

    /**
     * Subnet A (10.1.0.0/28, 11 usable): the NAT ENI all along, the endpoint's two addresses from 10:30, 10.1.0.5 from
     * 09:50, 10.1.0.6 10:10 to 12:30 (t2, then t3 created at 11:05), .7 11:30 to 12:45, .8 from 12:00. Hourly peaks 5,
     * 6, 7: a slope of one address an hour, 7 on the line in the last hour, 4 left: 4 hours, 0.17 days. Subnet C:
     * one task 10:00 to 10:20, then nothing (not growing). Subnet B has no task: no row.
     */
    public static final List<String> SUBNET_CSV = List.of(
            "period-start,period-end,account-id,vpc-id,subnet-id,availability-zone,cidr,usable-addresses,peak-in-use,"
                    + "days-to-exhaustion",
            "1777629600,1777640400,111122223333,vpc-1,subnet-a,us-east-1a,10.1.0.0/28,11,7,0.17",
            "1777629600,1777640400,111122223333,vpc-1,subnet-c,us-east-1a,10.1.1.0/24,251,1,");

    /**
     * ci-1 (c5.large, 3 ENIs, no trunk): t1 from 09:50 and t2 10:10 to 11:10, 512 CPU and 1,024 MiB each, of 2,048
     * and 3,840: 2 tasks at its limit of 2, CPU 0.5, memory 0.5333: ENI-bound. ci-2 (m5.xlarge, trunk): t6 10:00 to
     * 10:20 (1,024 CPU, 2,048 MiB of 4,096 and 15,360), t3 11:05 to 12:30: one at a time, 0.25 and 0.1333. ci-3
     * (c5n.large, not in the trunking table): nothing ran.
     */
    public static final List<String> INSTANCE_CSV = List.of(
            "period-start,period-end,account-id,cluster,container-instance-arn,instance-id,instance-type,trunking,"
                    + "eni-task-limit,branch-eni-limit,peak-awsvpc-tasks,peak-cpu-reserved,peak-memory-reserved",
            "1777629600,1777640400,111122223333,prod," + CI_1 + ",i-01,c5.large,false,2,10,2,0.5,0.5333",
            "1777629600,1777640400,111122223333,prod," + CI_2 + ",i-02,m5.xlarge,true,3,20,1,0.25,0.1333",
            "1777629600,1777640400,111122223333,prod," + CI_3 + ",i-03,c5n.large,false,2,,0,0,0");

    /** Writes the five files into {@code dir} under the names {@code --metadata} reads. */
    public static void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder events = new StringBuilder();
        events.append(running("t1", "subnet-a", "10.1.0.5", CI_1, "2026-05-01T09:50:00Z", 512, 1024));
        events.append(running("t2", "subnet-a", "10.1.0.6", CI_1, "2026-05-01T10:10:00Z", 512, 1024));
        events.append(stopped("t2", "subnet-a", "10.1.0.6", CI_1, "2026-05-01T10:10:00Z", "2026-05-01T11:10:00Z", 512,
                1024));
        events.append(running("t3", "subnet-a", "10.1.0.6", CI_2, "2026-05-01T11:05:00Z", 256, 512));
        events.append(running("t3", "subnet-a", "10.1.0.6", CI_2, "2026-05-01T11:05:00Z", 256, 512)); // again
        events.append(stopped("t3", "subnet-a", "10.1.0.6", CI_2, "2026-05-01T11:05:00Z", "2026-05-01T12:30:00Z", 256,
                512));
        events.append(stopped("t4", "subnet-a", "10.1.0.7", null, "2026-05-01T11:30:00Z", "2026-05-01T12:45:00Z", 256,
                512));
        events.append(running("t5", "subnet-a", "10.1.0.8", null, "2026-05-01T12:00:00Z", 256, 512));
        events.append(running("t6", "subnet-c", "10.1.1.10", CI_2, "2026-05-01T10:00:00Z", 1024, 2048));
        events.append(stopped("t6", "subnet-c", "10.1.1.10", CI_2, "2026-05-01T10:00:00Z", "2026-05-01T10:20:00Z",
                1024, 2048));
        events.append("{\"detail-type\":\"ECS Container Instance State Change\",\"source\":\"aws.ecs\",\"detail\":{}}\n");
        Files.writeString(dir.resolve("events.jsonl"), events);
        Files.writeString(dir.resolve("network-interfaces.json"), """
                {"NetworkInterfaces": [
                  {"NetworkInterfaceId": "eni-nat", "SubnetId": "subnet-a", "InterfaceType": "nat_gateway",
                   "PrivateIpAddress": "10.1.0.4", "PrivateIpAddresses": [{"PrivateIpAddress": "10.1.0.4"}],
                   "Attachment": {"AttachTime": "2026-04-01T00:00:00Z"}},
                  {"NetworkInterfaceId": "eni-vpce", "SubnetId": "subnet-a", "InterfaceType": "vpc_endpoint",
                   "PrivateIpAddress": "10.1.0.12", "PrivateIpAddresses": [{"PrivateIpAddress": "10.1.0.12"},
                   {"PrivateIpAddress": "10.1.0.13"}], "Attachment": {"AttachTime": "2026-05-01T10:30:00Z"}},
                  {"NetworkInterfaceId": "eni-t1", "SubnetId": "subnet-a", "InterfaceType": "interface",
                   "PrivateIpAddress": "10.1.0.5", "PrivateIpAddresses": [{"PrivateIpAddress": "10.1.0.5"}],
                   "Attachment": {"AttachTime": "2026-05-01T09:50:10Z"}}
                ]}
                """);
        Files.writeString(dir.resolve("subnets.json"), """
                {"Subnets": [
                  {"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a",
                   "CidrBlock": "10.1.0.0/28", "AvailableIpAddressCount": 6, "OwnerId": "111122223333"},
                  {"SubnetId": "subnet-b", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b",
                   "CidrBlock": "10.1.0.16/28", "AvailableIpAddressCount": 11, "OwnerId": "111122223333"},
                  {"SubnetId": "subnet-c", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a",
                   "CidrBlock": "10.1.1.0/24", "AvailableIpAddressCount": 251, "OwnerId": "111122223333"}
                ]}
                """);
        Files.writeString(dir.resolve("container-instances.json"), "{\"containerInstances\": ["
                + instance(CI_1, "i-01", "c5.large", null, 2048, 3840) + ",\n"
                + instance(CI_2, "i-02", "m5.xlarge", "eni-trunk2", 4096, 15360) + ",\n"
                + instance(CI_3, "i-03", "c5n.large", null, 2048, 4864) + "], \"failures\": []}\n");
        Files.writeString(dir.resolve("instance-types.json"), """
                {"InstanceTypes": [
                  {"InstanceType": "c5.large", "VCpuInfo": {"DefaultVCpus": 2}, "MemoryInfo": {"SizeInMiB": 4096},
                   "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10}},
                  {"InstanceType": "m5.xlarge", "VCpuInfo": {"DefaultVCpus": 4}, "MemoryInfo": {"SizeInMiB": 16384},
                   "NetworkInfo": {"MaximumNetworkInterfaces": 4, "Ipv4AddressesPerInterface": 15}},
                  {"InstanceType": "c5n.large", "VCpuInfo": {"DefaultVCpus": 2}, "MemoryInfo": {"SizeInMiB": 5376},
                   "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10}}
                ]}
                """);
    }

    private static String running(String task, String subnet, String ip, String instance, String created, int cpu,
            int memory) {
        return event(task, subnet, ip, instance, created, null, cpu, memory);
    }

    private static String stopped(String task, String subnet, String ip, String instance, String created,
            String stoppedAt, int cpu, int memory) {
        return event(task, subnet, ip, instance, created, stoppedAt, cpu, memory);
    }

    private static String event(String task, String subnet, String ip, String instance, String created,
            String stoppedAt, int cpu, int memory) {
        String status = stoppedAt == null ? "RUNNING" : "STOPPED";
        return "{\"version\":\"0\",\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\",\"account\":\""
                + ACCOUNT + "\",\"time\":\"" + (stoppedAt == null ? created : stoppedAt) + "\",\"region\":\"us-east-1\","
                + "\"detail\":{\"attachments\":[{\"id\":\"att-" + task + "\",\"type\":\"eni\",\"status\":\"ATTACHED\","
                + "\"details\":[{\"name\":\"subnetId\",\"value\":\"" + subnet + "\"},{\"name\":\"networkInterfaceId\","
                + "\"value\":\"eni-" + task + "\"},{\"name\":\"privateIPv4Address\",\"value\":\"" + ip + "\"}]}],"
                + "\"clusterArn\":\"" + ARN + "cluster/prod\","
                + (instance == null ? "\"launchType\":\"FARGATE\"," : "\"containerInstanceArn\":\"" + instance
                        + "\",\"launchType\":\"EC2\",")
                + "\"cpu\":\"" + cpu + "\",\"memory\":\"" + memory + "\",\"createdAt\":\"" + created + "\","
                + "\"lastStatus\":\"" + status + "\"," + (stoppedAt == null ? "" : "\"stoppedAt\":\"" + stoppedAt
                        + "\",")
                + "\"taskArn\":\"" + ARN + "task/prod/" + task + "\",\"version\":" + (stoppedAt == null ? 2 : 3) + "}}\n";
    }

    private static String instance(String arn, String id, String type, String trunk, int cpu, int memory) {
        return "{\"containerInstanceArn\": \"" + arn + "\", \"ec2InstanceId\": \"" + id + "\", \"attributes\": ["
                + "{\"name\": \"ecs.instance-type\", \"value\": \"" + type + "\"}"
                + (trunk == null ? "" : ", {\"name\": \"ecs.awsvpc-trunk-id\", \"value\": \"" + trunk + "\"}")
                + "], \"registeredResources\": [{\"name\": \"CPU\", \"type\": \"INTEGER\", \"integerValue\": " + cpu
                + "}, {\"name\": \"MEMORY\", \"type\": \"INTEGER\", \"integerValue\": " + memory + "}]}";
    }

    /** The report of the scenario's files in {@code dir}. */
    public static CapacityReport report(Path dir) throws IOException, CapacityInputs.InvalidExportException {
        CapacityInputs inputs = CapacityInputs.read(dir.resolve("events.jsonl"), dir.resolve("network-interfaces.json"),
                dir.resolve("subnets.json"), dir.resolve("container-instances.json"),
                dir.resolve("instance-types.json"));
        return CapacityReport.compute(inputs, PERIOD, TrunkingLimits.shipped());
    }
}
