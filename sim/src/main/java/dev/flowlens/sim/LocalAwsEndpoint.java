package dev.flowlens.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.function.Predicate;

/**
 * One simulation's account served as AWS's ECS and EC2 APIs would describe it at the simulation's end, over their
 * real wire protocols, on a local port: for the reconciler's real SDK clients in {@code flowlens demo} and in tests.
 * ECS speaks JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.*}): {@code ListClusters},
 * {@code ListTasks} (RUNNING, and STOPPED for tasks stopped within the last hour, as ECS keeps them),
 * {@code DescribeTasks} (at most 100), {@code DescribeServices} (at most 10). EC2 speaks the query protocol
 * (form-encoded {@code Action=...}, XML answers): {@code DescribeNetworkInterfaces} (the ENIs that exist at the end,
 * with their groups), {@code DescribeSubnets}, {@code DescribeVpcs}. Lists page by {@code maxResults} /
 * {@code MaxResults} and {@code nextToken} as the SDK's paginators expect; an unknown operation, a bad parameter
 * or a missing resource is answered with AWS's error shape. Requests are not authenticated: it listens on the
 * loopback address only.
 */
public final class LocalAwsEndpoint implements AutoCloseable {
    private static final String ECS_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final String ECS_JSON = "application/x-amz-json-1.1";
    private static final String EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final ObjectMapper json = new ObjectMapper();
    private final Simulation sim;
    private final HttpServer server;
    /** Cluster ARN → its listed tasks (DescribeTasks objects), by task ARN. */
    private final Map<String, Map<String, ObjectNode>> tasks = new LinkedHashMap<>();
    /** {@code clusterArn/serviceName} → the DescribeServices object. */
    private final Map<String, ObjectNode> services = new LinkedHashMap<>();
    private final Map<String, AccountAtEnd.Eni> enis = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private LocalAwsEndpoint(Simulation sim, HttpServer server) {
        this.sim = sim;
        this.server = server;
        String arnBase = "arn:aws:ecs:" + sim.config.region() + ":" + sim.config.accountId() + ":";
        for (String cluster : List.of("prod", "batch")) {
            tasks.put(arnBase + "cluster/" + cluster, new LinkedHashMap<>());
        }
        long end = sim.endSecond();
        for (SimTask task : AccountAtEnd.listedTasks(sim)) {
            ObjectNode described = sim.events.describedTask(task, !AccountAtEnd.running(task, end));
            if (task.trunkEniId != null) {
                described.put("containerInstanceArn", arnBase + "container-instance/" + AccountAtEnd.cluster(task)
                        + "/" + task.trunkEniId.substring(4));
            }
            tasks.get(arnBase + "cluster/" + AccountAtEnd.cluster(task)).put(described.get("taskArn").asText(),
                    described);
        }
        for (JsonNode service : ScenarioWriter.services(sim, json).get("services")) {
            services.put(service.get("clusterArn").asText() + "/" + service.get("serviceName").asText(),
                    (ObjectNode) service);
        }
        for (AccountAtEnd.Eni eni : AccountAtEnd.networkInterfaces(sim)) {
            enis.put(eni.id(), eni);
        }
    }

    /** Serves {@code sim}'s account on a free loopback port until {@link #close}. */
    public static LocalAwsEndpoint start(Simulation sim) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalAwsEndpoint endpoint = new LocalAwsEndpoint(sim, server);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    /** Where both APIs answer (the endpoint override of the ECS and of the EC2 client). */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** The simulated account's region, the one the clients are for. */
    public String region() {
        return sim.config.region();
    }

    /** Operations answered so far, in order, e.g. {@code ecs:ListTasks}, {@code ec2:DescribeVpcs}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many tasks ECS lists at the end: running, and stopped within the last hour. */
    public int listedTasks() {
        return tasks.values().stream().mapToInt(Map::size).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            try {
                if (target != null) {
                    ecs(exchange, target, body);
                } else {
                    ec2(exchange, form(new String(body, StandardCharsets.UTF_8)));
                }
            } catch (RuntimeException e) { // a bug here reaches the client as a server error, not a reset
                send(exchange, 500, ECS_JSON, json.writeValueAsString(json.createObjectNode()
                        .put("__type", "ServerException").put("message", e.toString())));
            }
        }
    }

    // ---- ECS, JSON 1.1 ----

    private void ecs(HttpExchange exchange, String target, byte[] body) throws IOException {
        String operation = target.startsWith(ECS_PREFIX) ? target.substring(ECS_PREFIX.length()) : target;
        calls.add("ecs:" + operation);
        JsonNode request;
        try {
            request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            ecsError(exchange, "SerializationException", "the request body is not JSON");
            return;
        }
        ObjectNode response = json.createObjectNode();
        try {
            switch (operation) {
                case "ListClusters" -> page(new ArrayList<>(tasks.keySet()), request.path("maxResults"),
                        request.path("nextToken"), 100, response, "clusterArns", "nextToken");
                case "ListTasks" -> listTasks(request, response);
                case "DescribeTasks" -> describeTasks(request, response);
                case "DescribeServices" -> describeServices(request, response);
                default -> {
                    ecsError(exchange, "UnknownOperationException", null);
                    return;
                }
            }
        } catch (AwsError e) {
            ecsError(exchange, e.code, e.getMessage());
            return;
        }
        send(exchange, 200, ECS_JSON, json.writeValueAsString(response));
    }

    private void listTasks(JsonNode request, ObjectNode response) {
        Map<String, ObjectNode> listed = cluster(request);
        String desired = request.path("desiredStatus").asText("RUNNING");
        if (!desired.equals("RUNNING") && !desired.equals("STOPPED") && !desired.equals("PENDING")) {
            throw new AwsError("InvalidParameterException", "desiredStatus must be RUNNING, PENDING or STOPPED");
        }
        String service = request.path("serviceName").asText(null);
        List<String> arns = new ArrayList<>();
        for (ObjectNode task : listed.values()) {
            if (task.path("desiredStatus").asText().equals(desired)
                    && (service == null || task.path("group").asText().equals("service:" + service))) {
                arns.add(task.path("taskArn").asText());
            }
        }
        page(arns, request.path("maxResults"), request.path("nextToken"), 100, response, "taskArns", "nextToken");
    }

    private void describeTasks(JsonNode request, ObjectNode response) {
        Map<String, ObjectNode> listed = cluster(request);
        JsonNode wanted = request.path("tasks");
        if (!wanted.isArray() || wanted.isEmpty() || wanted.size() > 100) {
            throw new AwsError("InvalidParameterException", "Tasks cannot be empty and can have at most 100 items.");
        }
        String clusterArn = clusterArn(request);
        ArrayNode found = response.putArray("tasks");
        ArrayNode failures = response.putArray("failures");
        for (JsonNode item : wanted) {
            String arn = item.asText();
            if (!arn.startsWith("arn:")) { // a task id: ECS accepts either
                arn = clusterArn.replace(":cluster/", ":task/") + "/" + arn;
            }
            ObjectNode task = listed.get(arn);
            if (task != null) {
                found.add(task);
            } else {
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            }
        }
    }

    private void describeServices(JsonNode request, ObjectNode response) {
        String clusterArn = clusterArn(request);
        cluster(request);
        JsonNode wanted = request.path("services");
        if (!wanted.isArray() || wanted.isEmpty() || wanted.size() > 10) {
            throw new AwsError("InvalidParameterException",
                    "Services cannot be empty and can have at most 10 items.");
        }
        ArrayNode found = response.putArray("services");
        ArrayNode failures = response.putArray("failures");
        for (JsonNode item : wanted) {
            String name = item.asText().substring(item.asText().lastIndexOf('/') + 1);
            ObjectNode service = services.get(clusterArn + "/" + name);
            if (service != null) {
                found.add(service);
            } else {
                failures.addObject().put("arn", clusterArn.replace(":cluster/", ":service/") + "/" + name)
                        .put("reason", "MISSING");
            }
        }
    }

    /** The request's {@code cluster} (a name or an ARN; ECS's default cluster when absent) as an ARN. */
    private String clusterArn(JsonNode request) {
        String cluster = request.path("cluster").asText("default");
        return cluster.startsWith("arn:") ? cluster
                : "arn:aws:ecs:" + sim.config.region() + ":" + sim.config.accountId() + ":cluster/" + cluster;
    }

    private Map<String, ObjectNode> cluster(JsonNode request) {
        Map<String, ObjectNode> listed = tasks.get(clusterArn(request));
        if (listed == null) {
            throw new AwsError("ClusterNotFoundException", "Cluster not found.");
        }
        return listed;
    }

    private void ecsError(HttpExchange exchange, String type, String message) throws IOException {
        ObjectNode error = json.createObjectNode().put("__type", type);
        if (message != null) {
            error.put("message", message);
        }
        send(exchange, 400, ECS_JSON, json.writeValueAsString(error));
    }

    /**
     * One page of {@code all} into {@code response}: at most {@code maxResults} (or {@code limit}) items from the
     * offset {@code nextToken} carries, and the next token while more remain.
     */
    private static void page(List<String> all, JsonNode maxResults, JsonNode nextToken, int limit,
            ObjectNode response, String field, String tokenField) {
        int size = maxResults.isMissingNode() || maxResults.isNull() ? limit : maxResults.asInt();
        if (size < 1 || size > limit) {
            throw new AwsError("InvalidParameterException", "maxResults must be between 1 and " + limit);
        }
        int from = offset(nextToken.isMissingNode() || nextToken.isNull() ? null : nextToken.asText(),
                "InvalidParameterException");
        ArrayNode items = response.putArray(field);
        all.subList(Math.min(from, all.size()), Math.min(all.size(), from + size)).forEach(items::add);
        if (from + size < all.size()) {
            response.put(tokenField, token(from + size));
        }
    }

    // ---- EC2, query protocol ----

    private void ec2(HttpExchange exchange, Map<String, String> form) throws IOException {
        String action = form.getOrDefault("Action", "");
        calls.add("ec2:" + action);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action)
                .append("Response xmlns=\"").append(EC2_XMLNS).append("\">\n    <requestId>")
                .append(UUID.randomUUID()).append("</requestId>\n");
        try {
            switch (action) {
                case "DescribeNetworkInterfaces" -> describeNetworkInterfaces(form, xml);
                case "DescribeSubnets" -> describeSubnets(form, xml);
                case "DescribeVpcs" -> describeVpcs(form, xml);
                case "" -> throw new AwsError("MissingAction", "The request must contain the parameter Action.");
                default -> throw new AwsError("InvalidAction", "The action " + action + " is not valid for this"
                        + " web service.");
            }
        } catch (AwsError e) {
            send(exchange, 400, "text/xml;charset=UTF-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<Response><Errors><Error><Code>" + e.code + "</Code><Message>" + escape(e.getMessage())
                    + "</Message></Error></Errors><RequestID>" + UUID.randomUUID() + "</RequestID></Response>");
            return;
        }
        xml.append("</").append(action).append("Response>\n");
        send(exchange, 200, "text/xml;charset=UTF-8", xml.toString());
    }

    private void describeNetworkInterfaces(Map<String, String> form, StringBuilder xml) {
        List<String> ids = values(form, "NetworkInterfaceId.");
        for (String id : ids) {
            if (!enis.containsKey(id)) {
                throw new AwsError("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + id
                        + "' does not exist");
            }
        }
        if (!ids.isEmpty() && form.containsKey("MaxResults")) {
            throw new AwsError("InvalidParameterCombination", "The parameter NetworkInterfaceIds cannot be used"
                    + " with the parameter MaxResults");
        }
        Predicate<AccountAtEnd.Eni> selected = eni -> (ids.isEmpty() || ids.contains(eni.id()))
                && filters(form, name -> switch (name) {
                    case "network-interface-id" -> eni.id();
                    case "subnet-id" -> Fleet.subnetId(eni.az());
                    case "vpc-id" -> Simulation.VPC_ID;
                    case "interface-type" -> eni.type();
                    case "private-ip-address", "addresses.private-ip-address" -> eni.ip();
                    default -> throw new AwsError("InvalidParameterValue", "The filter '" + name + "' is invalid");
                });
        List<AccountAtEnd.Eni> matching = enis.values().stream().filter(selected).toList();
        List<AccountAtEnd.Eni> page = ec2Page(matching, form, 5, 1000, xml, "networkInterfaceSet");
        for (AccountAtEnd.Eni eni : page) {
            String dns = "ip-" + eni.ip().replace('.', '-') + "." + sim.config.region() + ".compute.internal";
            xml.append("        <item>\n");
            element(xml, 3, "networkInterfaceId", eni.id());
            element(xml, 3, "subnetId", Fleet.subnetId(eni.az()));
            element(xml, 3, "vpcId", Simulation.VPC_ID);
            element(xml, 3, "availabilityZone", zone(eni.az()));
            element(xml, 3, "description", eni.description());
            element(xml, 3, "ownerId", sim.config.accountId());
            if (eni.requesterId() != null) {
                element(xml, 3, "requesterId", eni.requesterId());
            }
            element(xml, 3, "requesterManaged", Boolean.toString(eni.requesterManaged()));
            element(xml, 3, "status", "in-use");
            element(xml, 3, "privateIpAddress", eni.ip());
            element(xml, 3, "privateDnsName", dns);
            element(xml, 3, "sourceDestCheck", "true");
            xml.append("            <groupSet>\n");
            for (String group : eni.groups()) {
                xml.append("                <item>\n");
                element(xml, 5, "groupId", group);
                element(xml, 5, "groupName", sim.fleet.groupNames.get(group));
                xml.append("                </item>\n");
            }
            xml.append("            </groupSet>\n            <attachment>\n");
            element(xml, 4, "attachmentId", eni.attachmentId());
            if (eni.instanceId() != null) {
                element(xml, 4, "instanceId", eni.instanceId());
            }
            element(xml, 4, "instanceOwnerId", eni.instanceOwnerId());
            element(xml, 4, "deviceIndex", "1");
            element(xml, 4, "networkCardIndex", "0");
            element(xml, 4, "status", "attached");
            element(xml, 4, "attachTime", eni.attachTime());
            element(xml, 4, "deleteOnTermination", Boolean.toString(eni.deleteOnTermination()));
            xml.append("            </attachment>\n            <tagSet/>\n            <privateIpAddressesSet>\n"
                    + "                <item>\n");
            element(xml, 5, "privateIpAddress", eni.ip());
            element(xml, 5, "privateDnsName", dns);
            element(xml, 5, "primary", "true");
            xml.append("                </item>\n            </privateIpAddressesSet>\n            <ipv6AddressesSet/>\n");
            element(xml, 3, "interfaceType", eni.type());
            xml.append("        </item>\n");
        }
        closeSet(xml, "networkInterfaceSet", page, matching, form);
    }

    private void describeSubnets(Map<String, String> form, StringBuilder xml) {
        List<String> ids = values(form, "SubnetId.");
        List<Integer> matching = new ArrayList<>();
        for (int az = 0; az < 3; az++) {
            int zone = az;
            if ((ids.isEmpty() || ids.contains(Fleet.subnetId(az))) && filters(form, name -> switch (name) {
                case "subnet-id" -> Fleet.subnetId(zone);
                case "vpc-id" -> Simulation.VPC_ID;
                case "availability-zone" -> zone(zone);
                default -> throw new AwsError("InvalidParameterValue", "The filter '" + name + "' is invalid");
            })) {
                matching.add(az);
            }
        }
        for (String id : ids) {
            if (matching.stream().noneMatch(az -> Fleet.subnetId(az).equals(id))) {
                throw new AwsError("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
        }
        List<Integer> page = ec2Page(matching, form, 5, 1000, xml, "subnetSet");
        int prefix = sim.config.subnetPrefix();
        long end = sim.endSecond();
        for (int az : page) {
            long used = sim.fleet.tasks.stream().filter(t -> t.az == az && t.createdAt < end
                    && AccountAtEnd.running(t, end)).count();
            xml.append("        <item>\n");
            element(xml, 3, "subnetId", Fleet.subnetId(az));
            element(xml, 3, "subnetArn", "arn:aws:ec2:" + sim.config.region() + ":" + sim.config.accountId()
                    + ":subnet/" + Fleet.subnetId(az));
            element(xml, 3, "state", "available");
            element(xml, 3, "vpcId", Simulation.VPC_ID);
            element(xml, 3, "ownerId", sim.config.accountId());
            element(xml, 3, "cidrBlock", Fleet.subnetCidr(az, prefix));
            xml.append("            <ipv6CidrBlockAssociationSet/>\n");
            // AWS reserves five addresses of every subnet
            element(xml, 3, "availableIpAddressCount", Long.toString((1L << (32 - prefix)) - 5 - used));
            element(xml, 3, "availabilityZone", zone(az));
            element(xml, 3, "availabilityZoneId", "use1-az" + (az + 1));
            element(xml, 3, "defaultForAz", "false");
            element(xml, 3, "mapPublicIpOnLaunch", "false");
            xml.append("        </item>\n");
        }
        closeSet(xml, "subnetSet", page, matching, form);
    }

    private void describeVpcs(Map<String, String> form, StringBuilder xml) {
        List<String> ids = values(form, "VpcId.");
        for (String id : ids) {
            if (!id.equals(Simulation.VPC_ID)) {
                throw new AwsError("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            }
        }
        boolean matches = filters(form, name -> switch (name) {
            case "vpc-id" -> Simulation.VPC_ID;
            case "cidr", "cidr-block-association.cidr-block" -> Fleet.VPC_CIDR;
            default -> throw new AwsError("InvalidParameterValue", "The filter '" + name + "' is invalid");
        });
        List<String> matching = matches ? List.of(Simulation.VPC_ID) : List.of();
        List<String> page = ec2Page(matching, form, 5, 1000, xml, "vpcSet");
        for (String vpc : page) {
            xml.append("        <item>\n");
            element(xml, 3, "vpcId", vpc);
            element(xml, 3, "ownerId", sim.config.accountId());
            element(xml, 3, "state", "available");
            element(xml, 3, "cidrBlock", Fleet.VPC_CIDR);
            xml.append("            <cidrBlockAssociationSet>\n                <item>\n");
            element(xml, 5, "cidrBlock", Fleet.VPC_CIDR);
            element(xml, 5, "associationId", "vpc-cidr-assoc-0" + vpc.substring(5));
            xml.append("                    <cidrBlockState><state>associated</state></cidrBlockState>\n"
                    + "                </item>\n            </cidrBlockAssociationSet>\n");
            element(xml, 3, "dhcpOptionsId", "dopt-0" + vpc.substring(5));
            element(xml, 3, "instanceTenancy", "default");
            element(xml, 3, "isDefault", "false");
            xml.append("        </item>\n");
        }
        closeSet(xml, "vpcSet", page, matching, form);
    }

    /**
     * Opens {@code set} and returns the page of {@code all} to write into it: everything without
     * {@code MaxResults}, as EC2 answers a request that names what it wants, else at most that many from
     * {@code NextToken}'s offset.
     */
    private static <T> List<T> ec2Page(List<T> all, Map<String, String> form, int min, int max, StringBuilder xml,
            String set) {
        xml.append("    <").append(set).append(">\n");
        if (!form.containsKey("MaxResults")) {
            return all;
        }
        int size;
        try {
            size = Integer.parseInt(form.get("MaxResults"));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < min || size > max) {
            throw new AwsError("InvalidParameterValue", "MaxResults must be between " + min + " and " + max);
        }
        int from = offset(form.get("NextToken"), "InvalidNextToken");
        return all.subList(Math.min(from, all.size()), Math.min(all.size(), from + size));
    }

    /** Closes {@code set}, with the token of the next page when {@code page} did not reach the end of {@code all}. */
    private static <T> void closeSet(StringBuilder xml, String set, List<T> page, List<T> all,
            Map<String, String> form) {
        xml.append("    </").append(set).append(">\n");
        int from = form.containsKey("MaxResults") ? offset(form.get("NextToken"), "InvalidNextToken") : 0;
        if (from + page.size() < all.size()) {
            xml.append("    <nextToken>").append(token(from + page.size())).append("</nextToken>\n");
        }
    }

    /**
     * Whether an item passes every {@code Filter.N} of the request: for each filter name, the item's value
     * ({@code valueOf}) must be one of the filter's values.
     */
    private static boolean filters(Map<String, String> form, java.util.function.Function<String, String> valueOf) {
        for (int n = 1; form.containsKey("Filter." + n + ".Name"); n++) {
            List<String> accepted = values(form, "Filter." + n + ".Value.");
            if (!accepted.contains(valueOf.apply(form.get("Filter." + n + ".Name")))) {
                return false;
            }
        }
        return true;
    }

    private String zone(int az) {
        return sim.config.region() + (char) ('a' + az);
    }

    private static void element(StringBuilder xml, int depth, String name, String value) {
        xml.append("    ".repeat(depth)).append('<').append(name).append('>').append(escape(value)).append("</")
                .append(name).append(">\n");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The values of {@code prefix1}, {@code prefix2}, ... in the order of their numbers. */
    private static List<String> values(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + n); n++) {
            values.add(form.get(prefix + n));
        }
        return values;
    }

    /** Page tokens are opaque to clients; here they carry the offset of the next page. */
    private static String token(int offset) {
        return java.util.Base64.getEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, String errorCode) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(java.util.Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                return Integer.parseInt(text.substring("offset:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error: not a token this endpoint issued
        }
        throw new AwsError(errorCode, "The token '" + token + "' is invalid.");
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

    /** An error AWS would answer: its code ({@code __type} for ECS, {@code Code} for EC2) and message. */
    private static final class AwsError extends RuntimeException {
        private final String code;

        AwsError(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
