package dev.flowlens.enrich.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Security groups from what a user can export from an account, for runs without the in-job reconciler (bounded jobs,
 * {@code flowlens attribute}): {@code aws ec2 describe-network-interfaces} output (each ENI's {@code Groups}) and
 * {@code aws ecs describe-services} output (each service's {@code networkConfiguration.awsvpcConfiguration
 * .securityGroups}). A task takes its ENI's groups when its ENI is described, else its service's awsvpc groups (what
 * ECS gives the ENIs it creates for the service), else stays unknown ({@code null}), as the reconciler does.
 */
public final class AccountExports implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> groupsByEni;
    /** By {@code clusterArn + "/" + serviceName}. */
    private final Map<String, List<String>> groupsByService;
    /** Every private address (IPv4 and IPv6) of every described ENI, whatever the ENI is for. */
    private final List<String> interfaceAddresses;
    /** Each described ENI's {account (OwnerId), VPC}: the index scopes addresses by VPC. */
    private final Map<String, List<String>> scopeByEni;
    /** Each subnet of a described ENI's VPC: fills the VPC of tasks whose ENI is gone by their subnet. */
    private final Map<String, String> vpcBySubnet;

    public AccountExports(Map<String, List<String>> groupsByEni, Map<String, List<String>> groupsByService) {
        this(groupsByEni, groupsByService, List.of());
    }

    public AccountExports(Map<String, List<String>> groupsByEni, Map<String, List<String>> groupsByService,
            List<String> interfaceAddresses) {
        this(groupsByEni, groupsByService, interfaceAddresses, Map.of(), Map.of());
    }

    public AccountExports(Map<String, List<String>> groupsByEni, Map<String, List<String>> groupsByService,
            List<String> interfaceAddresses, Map<String, List<String>> scopeByEni, Map<String, String> vpcBySubnet) {
        this.groupsByEni = new HashMap<>(groupsByEni);
        this.groupsByService = new HashMap<>(groupsByService);
        this.interfaceAddresses = List.copyOf(interfaceAddresses);
        this.scopeByEni = new HashMap<>(scopeByEni);
        this.vpcBySubnet = new HashMap<>(vpcBySubnet);
    }

    /**
     * Each described ENI's account ({@code OwnerId}) and VPC as {@code [account, vpc]} (either {@code null} when
     * not stated), for {@link dev.flowlens.enrich.index.AttributionIndex#describeInterface}.
     */
    public Map<String, List<String>> interfaceScopes() {
        return java.util.Collections.unmodifiableMap(scopeByEni);
    }

    /**
     * The addresses of the ENIs the export describes: workloads the account knows (tasks, load balancers, NAT
     * gateways, instances), so traffic from them is not from an unknown workload even when no task event names them.
     */
    public List<String> interfaceAddresses() {
        return interfaceAddresses;
    }

    /** No exports: every task's groups stay as its observations have them. */
    public static AccountExports none() {
        return new AccountExports(Map.of(), Map.of());
    }

    /**
     * Reads the exports; either file may be {@code null} (not given).
     *
     * @throws IOException if a file cannot be read or is not the command's JSON output
     */
    public static AccountExports read(Path networkInterfaces, Path services) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> byEni = new HashMap<>();
        Map<String, List<String>> byService = new HashMap<>();
        List<String> addresses = new ArrayList<>();
        Map<String, List<String>> scopes = new HashMap<>();
        Map<String, String> subnets = new HashMap<>();
        if (networkInterfaces != null) {
            JsonNode root = tree(json, networkInterfaces);
            JsonNode enis = root.get("NetworkInterfaces");
            if (enis == null || !enis.isArray()) {
                throw new IOException("network interfaces '" + networkInterfaces
                        + "': not 'aws ec2 describe-network-interfaces' output (no NetworkInterfaces array)");
            }
            for (JsonNode eni : enis) {
                String id = eni.path("NetworkInterfaceId").asText(null);
                JsonNode groups = eni.get("Groups");
                if (id != null && groups != null && groups.isArray()) {
                    List<String> ids = new ArrayList<>();
                    for (JsonNode group : groups) {
                        String groupId = group.path("GroupId").asText(null);
                        if (groupId != null) {
                            ids.add(groupId);
                        }
                    }
                    byEni.put(id, List.copyOf(ids));
                }
                String vpc = eni.path("VpcId").asText(null);
                if (id != null) {
                    scopes.put(id, java.util.Arrays.asList(eni.path("OwnerId").asText(null), vpc));
                }
                String subnet = eni.path("SubnetId").asText(null);
                if (subnet != null && vpc != null) {
                    subnets.put(subnet, vpc);
                }
                addText(addresses, eni.get("PrivateIpAddress"));
                eni.path("PrivateIpAddresses").forEach(a -> addText(addresses, a.get("PrivateIpAddress")));
                eni.path("Ipv6Addresses").forEach(a -> addText(addresses, a.get("Ipv6Address")));
            }
        }
        if (services != null) {
            JsonNode root = tree(json, services);
            JsonNode list = root.get("services");
            if (list == null || !list.isArray()) {
                throw new IOException("services '" + services
                        + "': not 'aws ecs describe-services' output (no services array)");
            }
            for (JsonNode service : list) {
                String name = service.path("serviceName").asText(null);
                String cluster = service.path("clusterArn").asText(null);
                JsonNode groups = service.path("networkConfiguration").path("awsvpcConfiguration")
                        .get("securityGroups");
                if (name != null && cluster != null && groups != null && groups.isArray()) {
                    List<String> ids = new ArrayList<>();
                    groups.forEach(group -> ids.add(group.asText()));
                    byService.put(cluster + "/" + name, List.copyOf(ids));
                }
            }
        }
        return new AccountExports(byEni, byService, addresses, scopes, subnets);
    }

    private static void addText(List<String> into, JsonNode value) {
        if (value != null && value.isTextual() && !into.contains(value.asText())) {
            into.add(value.asText());
        }
    }

    private static JsonNode tree(ObjectMapper json, Path file) throws IOException {
        try {
            return json.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("'" + file + "': not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** The groups the exports know for {@code task}: its ENI's, else its service's; {@code null} if neither. */
    public List<String> groupsOf(TaskIdentity task) {
        List<String> groups = task.eniId == null ? null : groupsByEni.get(task.eniId);
        if (groups == null && task.serviceName != null && task.clusterArn != null) {
            groups = groupsByService.get(task.clusterArn + "/" + task.serviceName);
        }
        return groups;
    }

    /** The VPC the exports know for {@code task}: its ENI's, else its subnet's; {@code null} if neither. */
    public String vpcOf(TaskIdentity task) {
        List<String> scope = task.eniId == null ? null : scopeByEni.get(task.eniId);
        String vpc = scope == null ? null : scope.get(1);
        return vpc != null || task.subnetId == null ? vpc : vpcBySubnet.get(task.subnetId);
    }

    /**
     * {@code state} with its groups filled in from the exports when its observation has none (unknown), and its VPC
     * when unknown; the same object when there is nothing to add, else a copy (observations may be shared).
     */
    public TaskState fill(TaskState state) {
        if (state.identity == null) {
            return state;
        }
        List<String> groups = state.identity.securityGroups != null ? null : groupsOf(state.identity);
        String vpc = state.identity.vpcId != null ? null : vpcOf(state.identity);
        if (groups == null && vpc == null) {
            return state;
        }
        TaskState filled = state.copy();
        if (groups != null) {
            filled.identity.securityGroups = new ArrayList<>(groups);
            filled.groupsFromEni = state.identity.eniId != null && groupsByEni.containsKey(state.identity.eniId);
        }
        if (vpc != null) {
            filled.identity.vpcId = vpc;
        }
        return filled;
    }

    public boolean isEmpty() {
        return groupsByEni.isEmpty() && groupsByService.isEmpty() && vpcBySubnet.isEmpty() && scopeByEni.isEmpty();
    }
}
