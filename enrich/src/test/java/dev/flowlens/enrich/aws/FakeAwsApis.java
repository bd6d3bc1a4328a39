package dev.flowlens.enrich.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP endpoint speaking the real wire protocols of the two AWS APIs the reconciler uses, for the real SDK
 * clients to talk to: ECS's JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.*}: ListClusters,
 * ListTasks, DescribeTasks, DescribeServices, ListContainerInstances, DescribeContainerInstances) and EC2's query
 * protocol (form-encoded {@code Action=DescribeNetworkInterfaces}, DescribeSubnets, DescribeVpcs,
 * DescribeInstanceTypes; XML answers). Responses follow the shapes of AWS's
 * documented examples; errors are AWS's error bodies. Pages are small, so pagination is exercised. Public for the
 * jobs module's tests (through this module's test-jar).
 */
public final class FakeAwsApis implements AutoCloseable {
    static final String ECS_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final int PAGE = 40;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    /** cluster ARN → tasks as DescribeTasks JSON objects. */
    public final Map<String, List<ObjectNode>> tasks = new LinkedHashMap<>();
    /** cluster ARN/service name → security groups. */
    public final Map<String, List<String>> services = new LinkedHashMap<>();
    /** ENI id → {security groups..., interface type last}. */
    public final Map<String, List<String>> enis = new LinkedHashMap<>();
    /** cluster ARN → container instances as DescribeContainerInstances JSON objects. */
    public final Map<String, List<ObjectNode>> containerInstances = new LinkedHashMap<>();
    /** instance type → {MaximumNetworkInterfaces, Ipv4AddressesPerInterface, DefaultVCpus, SizeInMiB}. */
    public final Map<String, int[]> instanceTypes = new LinkedHashMap<>();
    /** Operations received, in order, e.g. {@code ecs:DescribeTasks(100)}, {@code ec2:DescribeNetworkInterfaces}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** More subnets: id → {VPC, AZ, IPv4 CIDR, available addresses, owner}; subnet-0a1b2c3d is always there. */
    public final Map<String, String[]> subnets = new LinkedHashMap<>();
    /** What DescribeSubnets says is left in subnet-0a1b2c3d (10.0.0.0/20). */
    public volatile int availableAddresses = 3900;
    final AtomicInteger throttleEcs = new AtomicInteger();
    final AtomicInteger throttleEc2 = new AtomicInteger();
    volatile boolean down;
    volatile boolean malformedDescribeTasks;

    public FakeAwsApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void addTask(String cluster, ObjectNode task) {
        tasks.computeIfAbsent(cluster, c -> new ArrayList<>()).add(task);
    }

    public ObjectNode task(String cluster, String id, String service, String status, String ip, String eni,
            double createdAt, Double stoppedAt, long version) {
        ObjectNode task = json.createObjectNode();
        String account = "111122223333";
        task.put("taskArn", "arn:aws:ecs:us-east-1:" + account + ":task/" + cluster.substring(cluster.indexOf('/') + 1)
                + "/" + id);
        task.put("clusterArn", cluster);
        task.put("taskDefinitionArn", "arn:aws:ecs:us-east-1:" + account + ":task-definition/" + service + ":3");
        task.put("group", "service:" + service);
        task.put("lastStatus", status);
        task.put("desiredStatus", status.equals("STOPPED") ? "STOPPED" : "RUNNING");
        task.put("launchType", "FARGATE");
        task.put("availabilityZone", "us-east-1a");
        task.put("version", version);
        task.put("createdAt", createdAt);
        task.put("startedAt", createdAt + 20.5);
        if (stoppedAt != null) {
            task.put("stoppedAt", stoppedAt);
        }
        ObjectNode attachment = task.putArray("attachments").addObject();
        attachment.put("id", UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString());
        attachment.put("type", "ElasticNetworkInterface");
        attachment.put("status", status.equals("STOPPED") ? "DELETED" : "ATTACHED");
        ArrayNode details = attachment.putArray("details");
        details.addObject().put("name", "subnetId").put("value", "subnet-0a1b2c3d");
        details.addObject().put("name", "networkInterfaceId").put("value", eni);
        details.addObject().put("name", "macAddress").put("value", "0a:1b:2c:3d:4e:5f");
        details.addObject().put("name", "privateDnsName").put("value", "ip-" + ip.replace('.', '-') + ".ec2.internal");
        details.addObject().put("name", "privateIPv4Address").put("value", ip);
        return task;
    }

    /** A container instance as DescribeContainerInstances answers it; {@code trunk} null without trunking. */
    public ObjectNode containerInstance(String cluster, String id, String ec2Id, String type, String trunk, int cpu,
            int memory, int cpuLeft, int memoryLeft) {
        ObjectNode instance = json.createObjectNode();
        instance.put("containerInstanceArn", cluster.replace(":cluster/", ":container-instance/") + "/" + id);
        instance.put("ec2InstanceId", ec2Id);
        instance.put("version", 7);
        instance.put("status", "ACTIVE");
        instance.put("agentConnected", true);
        instance.put("runningTasksCount", 1);
        instance.put("pendingTasksCount", 0);
        for (String field : List.of("remainingResources", "registeredResources")) {
            ArrayNode resources = instance.putArray(field);
            boolean left = field.startsWith("remaining");
            resources.addObject().put("name", "CPU").put("type", "INTEGER").put("doubleValue", 0.0)
                    .put("longValue", 0).put("integerValue", left ? cpuLeft : cpu);
            resources.addObject().put("name", "MEMORY").put("type", "INTEGER").put("doubleValue", 0.0)
                    .put("longValue", 0).put("integerValue", left ? memoryLeft : memory);
            resources.addObject().put("name", "PORTS").put("type", "STRINGSET").putArray("stringSetValue")
                    .add("22").add("2376").add("2375").add("51678").add("51679");
        }
        ArrayNode attributes = instance.putArray("attributes");
        attributes.addObject().put("name", "ecs.instance-type").put("value", type);
        attributes.addObject().put("name", "ecs.availability-zone").put("value", "us-east-1a");
        attributes.addObject().put("name", "ecs.capability.task-eni");
        if (trunk != null) {
            attributes.addObject().put("name", "ecs.awsvpc-trunk-id").put("value", trunk);
        }
        instance.putObject("versionInfo").put("agentVersion", "1.85.0").put("dockerVersion", "DockerVersion: 25.0.3");
        instance.put("registeredAt", 1.7e9);
        instance.putArray("attachments");
        return instance;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (down) {
                calls.add(target != null ? "ecs:down" : "ec2:down");
                send(exchange, 503, "application/x-amz-json-1.1",
                        "{\"__type\":\"ServerException\",\"message\":\"Service Unavailable\"}");
            } else if (target != null && target.startsWith(ECS_PREFIX)) {
                ecs(exchange, target.substring(ECS_PREFIX.length()), json.readTree(body));
            } else {
                ec2(exchange, form(new String(body, StandardCharsets.UTF_8)));
            }
        }
    }

    private void ecs(HttpExchange exchange, String operation, JsonNode request) throws IOException {
        if (throttleEcs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add("ecs:throttled");
            send(exchange, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
            return;
        }
        ObjectNode response = json.createObjectNode();
        switch (operation) {
            case "ListClusters":
                calls.add("ecs:ListClusters");
                java.util.Set<String> clusters = new java.util.LinkedHashSet<>(tasks.keySet());
                clusters.addAll(containerInstances.keySet());
                page(new ArrayList<>(clusters), request, response, "clusterArns");
                break;
            case "ListTasks":
                calls.add("ecs:ListTasks(" + request.path("desiredStatus").asText() + ")");
                List<String> arns = new ArrayList<>();
                String desired = request.path("desiredStatus").asText("RUNNING");
                for (ObjectNode task : tasks.getOrDefault(request.path("cluster").asText(), List.of())) {
                    if (task.path("desiredStatus").asText().equals(desired)) {
                        arns.add(task.path("taskArn").asText());
                    }
                }
                page(arns, request, response, "taskArns");
                break;
            case "DescribeTasks":
                calls.add("ecs:DescribeTasks(" + request.path("tasks").size() + ")");
                if (malformedDescribeTasks) {
                    send(exchange, 200, "application/x-amz-json-1.1", "{\"tasks\":[{\"taskArn\":\"arn:aws:ecs");
                    return;
                }
                ArrayNode found = response.putArray("tasks");
                response.putArray("failures");
                for (JsonNode arn : request.path("tasks")) {
                    for (ObjectNode task : tasks.getOrDefault(request.path("cluster").asText(), List.of())) {
                        if (task.path("taskArn").asText().equals(arn.asText())) {
                            found.add(task);
                        }
                    }
                }
                break;
            case "DescribeServices":
                calls.add("ecs:DescribeServices(" + request.path("services").size() + ")");
                ArrayNode described = response.putArray("services");
                response.putArray("failures");
                for (JsonNode name : request.path("services")) {
                    List<String> groups = services.get(request.path("cluster").asText() + "/" + name.asText());
                    if (groups == null) {
                        continue;
                    }
                    ObjectNode service = described.addObject();
                    service.put("serviceName", name.asText());
                    service.put("serviceArn", request.path("cluster").asText().replace(":cluster/", ":service/")
                            + "/" + name.asText());
                    ObjectNode vpc = service.putObject("networkConfiguration").putObject("awsvpcConfiguration");
                    vpc.putArray("subnets").add("subnet-0a1b2c3d");
                    ArrayNode sgs = vpc.putArray("securityGroups");
                    groups.forEach(sgs::add);
                    vpc.put("assignPublicIp", "DISABLED");
                }
                break;
            case "ListContainerInstances":
                calls.add("ecs:ListContainerInstances");
                List<String> instanceArns = new ArrayList<>();
                containerInstances.getOrDefault(request.path("cluster").asText(), List.of())
                        .forEach(i -> instanceArns.add(i.path("containerInstanceArn").asText()));
                page(instanceArns, request, response, "containerInstanceArns");
                break;
            case "DescribeContainerInstances":
                calls.add("ecs:DescribeContainerInstances(" + request.path("containerInstances").size() + ")");
                ArrayNode instances = response.putArray("containerInstances");
                ArrayNode failures = response.putArray("failures");
                for (JsonNode arn : request.path("containerInstances")) {
                    ObjectNode match = null;
                    for (ObjectNode instance : containerInstances.getOrDefault(request.path("cluster").asText(),
                            List.of())) {
                        if (instance.path("containerInstanceArn").asText().equals(arn.asText())) {
                            match = instance;
                        }
                    }
                    if (match != null) {
                        instances.add(match);
                    } else {
                        failures.addObject().put("arn", arn.asText()).put("reason", "MISSING");
                    }
                }
                break;
            default:
                send(exchange, 400, "application/x-amz-json-1.1",
                        "{\"__type\":\"InvalidParameterException\",\"message\":\"unknown operation " + operation
                                + "\"}");
                return;
        }
        send(exchange, 200, "application/x-amz-json-1.1", json.writeValueAsString(response));
    }

    private void page(List<String> all, JsonNode request, ObjectNode response, String field) {
        int from = request.hasNonNull("nextToken") ? Integer.parseInt(request.get("nextToken").asText()) : 0;
        ArrayNode items = response.putArray(field);
        all.subList(from, Math.min(all.size(), from + PAGE)).forEach(items::add);
        if (from + PAGE < all.size()) {
            response.put("nextToken", Integer.toString(from + PAGE));
        }
    }

    private void ec2(HttpExchange exchange, Map<String, String> form) throws IOException {
        String action = form.get("Action");
        if (throttleEc2.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add("ec2:throttled");
            send(exchange, 503, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                    + "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
                    + "<RequestID>" + UUID.randomUUID() + "</RequestID></Response>");
            return;
        }
        if ("DescribeSubnets".equals(action)) {
            describeSubnets(exchange, form);
            return;
        }
        if ("DescribeVpcs".equals(action)) {
            describeVpcs(exchange, form);
            return;
        }
        if ("DescribeInstanceTypes".equals(action)) {
            describeInstanceTypes(exchange, form);
            return;
        }
        if (!"DescribeNetworkInterfaces".equals(action)) {
            send(exchange, 400, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                    + "<Code>InvalidAction</Code><Message>The action " + action + " is not valid.</Message></Error>"
                    + "</Errors><RequestID>" + UUID.randomUUID() + "</RequestID></Response>");
            return;
        }
        List<String> ids = values(form, "Filter.1.Value.");
        calls.add("ec2:DescribeNetworkInterfaces(" + ids.size() + ")");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeNetworkInterfacesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n"
                + "    <requestId>" + UUID.randomUUID() + "</requestId>\n    <networkInterfaceSet>\n");
        for (String id : ids) {
            List<String> eni = enis.get(id);
            if (eni == null) {
                continue; // a deleted ENI: a filter simply does not match it
            }
            xml.append("        <item>\n            <networkInterfaceId>").append(id).append("</networkInterfaceId>\n")
                    .append("            <subnetId>subnet-0a1b2c3d</subnetId>\n")
                    .append("            <vpcId>vpc-0a1b2c3d4e5f60718</vpcId>\n")
                    .append("            <availabilityZone>us-east-1a</availabilityZone>\n")
                    .append("            <description>arn:aws:ecs:us-east-1:111122223333:attachment/x</description>\n")
                    .append("            <ownerId>111122223333</ownerId>\n")
                    .append("            <requesterManaged>true</requesterManaged>\n")
                    .append("            <status>in-use</status>\n")
                    .append("            <macAddress>0a:1b:2c:3d:4e:5f</macAddress>\n")
                    .append("            <sourceDestCheck>true</sourceDestCheck>\n            <groupSet>\n");
            for (String group : eni.subList(0, eni.size() - 1)) {
                xml.append("                <item>\n                    <groupId>").append(group)
                        .append("</groupId>\n                    <groupName>").append(group)
                        .append("-name</groupName>\n                </item>\n");
            }
            xml.append("            </groupSet>\n            <interfaceType>").append(eni.get(eni.size() - 1))
                    .append("</interfaceType>\n        </item>\n");
        }
        xml.append("    </networkInterfaceSet>\n</DescribeNetworkInterfacesResponse>\n");
        send(exchange, 200, "text/xml;charset=UTF-8", xml.toString());
    }

    private void describeSubnets(HttpExchange exchange, Map<String, String> form) throws IOException {
        List<String> ids = values(form, "Filter.1.Value.");
        calls.add("ec2:DescribeSubnets(" + ids.size() + ")");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeSubnetsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n"
                + "    <requestId>" + UUID.randomUUID() + "</requestId>\n    <subnetSet>\n");
        for (String id : ids) {
            String[] other = subnets.get(id);
            if (other != null) {
                xml.append("        <item>\n            <subnetId>").append(id).append("</subnetId>\n")
                        .append("            <state>available</state>\n")
                        .append("            <vpcId>").append(other[0]).append("</vpcId>\n")
                        .append("            <cidrBlock>").append(other[2]).append("</cidrBlock>\n")
                        .append("            <ipv6CidrBlockAssociationSet/>\n")
                        .append("            <availableIpAddressCount>").append(other[3])
                        .append("</availableIpAddressCount>\n")
                        .append("            <availabilityZone>").append(other[1]).append("</availabilityZone>\n")
                        .append("            <ownerId>").append(other[4]).append("</ownerId>\n")
                        .append("            <defaultForAz>false</defaultForAz>\n")
                        .append("            <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>\n        </item>\n");
                continue;
            }
            if (!id.equals("subnet-0a1b2c3d")) {
                continue;
            }
            xml.append("        <item>\n            <subnetId>subnet-0a1b2c3d</subnetId>\n")
                    .append("            <state>available</state>\n")
                    .append("            <vpcId>vpc-0a1b2c3d4e5f60718</vpcId>\n")
                    .append("            <cidrBlock>10.0.0.0/20</cidrBlock>\n")
                    .append("            <ipv6CidrBlockAssociationSet>\n                <item>\n")
                    .append("                    <ipv6CidrBlock>2600:1f18:abcd:1200::/64</ipv6CidrBlock>\n")
                    .append("                    <associationId>subnet-cidr-assoc-0a1b</associationId>\n")
                    .append("                    <ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState>\n")
                    .append("                </item>\n            </ipv6CidrBlockAssociationSet>\n")
                    .append("            <availableIpAddressCount>").append(availableAddresses)
                    .append("</availableIpAddressCount>\n")
                    .append("            <ownerId>111122223333</ownerId>\n")
                    .append("            <availabilityZone>us-east-1a</availabilityZone>\n")
                    .append("            <availabilityZoneId>use1-az1</availabilityZoneId>\n")
                    .append("            <defaultForAz>false</defaultForAz>\n")
                    .append("            <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>\n")
                    .append("        </item>\n");
        }
        xml.append("    </subnetSet>\n</DescribeSubnetsResponse>\n");
        send(exchange, 200, "text/xml;charset=UTF-8", xml.toString());
    }

    private void describeInstanceTypes(HttpExchange exchange, Map<String, String> form) throws IOException {
        List<String> names = values(form, "InstanceType.");
        calls.add("ec2:DescribeInstanceTypes(" + names.size() + ")");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeInstanceTypesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n"
                + "    <requestId>" + UUID.randomUUID() + "</requestId>\n    <instanceTypeSet>\n");
        for (String name : names) {
            int[] type = instanceTypes.get(name);
            if (type == null) {
                ec2Error(exchange, 400, "InvalidInstanceType", "The following supplied instance types do not exist: ["
                        + name + "]");
                return;
            }
            xml.append("        <item>\n            <instanceType>").append(name).append("</instanceType>\n")
                    .append("            <currentGeneration>true</currentGeneration>\n")
                    .append("            <vCpuInfo>\n                <defaultVCpus>").append(type[2])
                    .append("</defaultVCpus>\n                <defaultCores>").append(Math.max(1, type[2] / 2))
                    .append("</defaultCores>\n                <defaultThreadsPerCore>2</defaultThreadsPerCore>\n")
                    .append("            </vCpuInfo>\n            <memoryInfo>\n                <sizeInMiB>")
                    .append(type[3]).append("</sizeInMiB>\n            </memoryInfo>\n")
                    .append("            <networkInfo>\n")
                    .append("                <networkPerformance>Up to 10 Gigabit</networkPerformance>\n")
                    .append("                <maximumNetworkInterfaces>").append(type[0])
                    .append("</maximumNetworkInterfaces>\n")
                    .append("                <maximumNetworkCards>1</maximumNetworkCards>\n")
                    .append("                <defaultNetworkCardIndex>0</defaultNetworkCardIndex>\n")
                    .append("                <ipv4AddressesPerInterface>").append(type[1])
                    .append("</ipv4AddressesPerInterface>\n                <ipv6AddressesPerInterface>")
                    .append(type[1]).append("</ipv6AddressesPerInterface>\n")
                    .append("                <ipv6Supported>true</ipv6Supported>\n")
                    .append("                <enaSupport>required</enaSupport>\n")
                    .append("            </networkInfo>\n        </item>\n");
        }
        xml.append("    </instanceTypeSet>\n</DescribeInstanceTypesResponse>\n");
        send(exchange, 200, "text/xml;charset=UTF-8", xml.toString());
    }

    private void describeVpcs(HttpExchange exchange, Map<String, String> form) throws IOException {
        List<String> ids = values(form, "VpcId.");
        calls.add("ec2:DescribeVpcs(" + ids.size() + ")");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n"
                + "    <requestId>" + UUID.randomUUID() + "</requestId>\n    <vpcSet>\n");
        for (String id : ids) {
            xml.append("        <item>\n            <vpcId>").append(id).append("</vpcId>\n")
                    .append("            <ownerId>111122223333</ownerId>\n")
                    .append("            <state>available</state>\n")
                    .append("            <cidrBlock>10.0.0.0/16</cidrBlock>\n")
                    .append("            <cidrBlockAssociationSet>\n")
                    .append("                <item>\n                    <cidrBlock>10.0.0.0/16</cidrBlock>\n")
                    .append("                    <associationId>vpc-cidr-assoc-1</associationId>\n")
                    .append("                    <cidrBlockState><state>associated</state></cidrBlockState>\n")
                    .append("                </item>\n")
                    .append("                <item>\n                    <cidrBlock>100.64.0.0/16</cidrBlock>\n")
                    .append("                    <associationId>vpc-cidr-assoc-2</associationId>\n")
                    .append("                    <cidrBlockState><state>associated</state></cidrBlockState>\n")
                    .append("                </item>\n            </cidrBlockAssociationSet>\n")
                    .append("            <dhcpOptionsId>dopt-0a1b</dhcpOptionsId>\n")
                    .append("            <instanceTenancy>default</instanceTenancy>\n")
                    .append("            <isDefault>false</isDefault>\n        </item>\n");
        }
        xml.append("    </vpcSet>\n</DescribeVpcsResponse>\n");
        send(exchange, 200, "text/xml;charset=UTF-8", xml.toString());
    }

    /** An EC2 error as the query protocol answers it. */
    private static void ec2Error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>"
                + UUID.randomUUID() + "</RequestID></Response>");
    }

    private static List<String> values(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> entry : form.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                values.add(entry.getValue());
            }
        }
        return values;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
