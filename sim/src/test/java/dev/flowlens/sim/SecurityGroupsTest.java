package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.schemas.TaskIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated account's security groups: in the truth, and in the exports a user can take from the account. */
class SecurityGroupsTest {
    private static final SimConfig CONFIG = SimConfig.defaults().withDuration(20);

    @TempDir
    Path dir;

    @Test
    void servicesHaveOneToThreeGroupsSomeSharedAndStandaloneTasksTheirOwn() {
        Fleet fleet = new Simulation(CONFIG).fleet;
        Map<String, Integer> users = new HashMap<>();
        for (List<String> groups : fleet.serviceGroups) {
            assertThat(groups).hasSizeBetween(1, 3).doesNotHaveDuplicates();
            groups.forEach(group -> users.merge(group, 1, Integer::sum));
        }
        assertThat(users.values()).anyMatch(n -> n > 1); // e.g. the common egress group
        for (SimTask task : fleet.tasks) {
            assertThat(task.securityGroups).isEqualTo(task.standalone ? fleet.standaloneGroups
                    : fleet.serviceGroups.get(fleet.serviceIndex(task.service)));
        }
        assertThat(fleet.groupNames.keySet()).allMatch(id -> id.matches("sg-0[0-9a-f]{16}"));
    }

    @Test
    void theExportsAreTheCommandsOutputAndGiveEachTaskItsTrueGroups() throws Exception {
        Simulation sim = new Simulation(CONFIG);
        new ScenarioWriter(sim, dir, ScenarioWriter.Layout.LINES).write();
        JsonNode enis = new ObjectMapper().readTree(dir.resolve("metadata/network-interfaces.json").toFile());
        JsonNode first = enis.path("NetworkInterfaces").path(0);
        for (String field : List.of("NetworkInterfaceId", "Groups", "PrivateIpAddress", "PrivateIpAddresses",
                "Ipv6Addresses", "InterfaceType", "RequesterManaged", "Attachment", "VpcId", "SubnetId", "Status")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.path("Groups").path(0).has("GroupName")).isTrue();
        JsonNode service = new ObjectMapper().readTree(dir.resolve("metadata/services.json").toFile())
                .path("services").path(0);
        assertThat(service.path("networkConfiguration").path("awsvpcConfiguration").path("securityGroups").size())
                .isBetween(1, 3);

        AccountExports exports = AccountExports.read(dir.resolve("metadata/network-interfaces.json"),
                dir.resolve("metadata/services.json"));
        Map<String, Set<String>> truth = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth/tasks.tsv")).subList(1, sim.fleet.tasks.size() + 1)) {
            String[] columns = line.split("\t", -1);
            truth.put(columns[0], Set.of(columns[8].split(",")));
        }
        int known = 0;
        for (SimTask task : sim.fleet.tasks) {
            TaskIdentity identity = new TaskIdentity();
            identity.eniId = task.eniId;
            identity.serviceName = task.standalone ? null : task.service;
            identity.clusterArn = "arn:aws:ecs:" + CONFIG.region() + ":" + CONFIG.accountId() + ":cluster/"
                    + (task.standalone ? "batch" : "prod");
            List<String> groups = exports.groupsOf(identity);
            if (groups != null) {
                known++;
                assertThat(new HashSet<>(groups)).isEqualTo(truth.get(task.id)); // never another task's groups
            } else {
                // only a standalone task whose ENI was deleted before the export is unknown
                assertThat(task.standalone && task.stoppedAt >= 0).isTrue();
            }
        }
        assertThat(known).isGreaterThan(sim.fleet.tasks.size() * 9 / 10);
    }
}
