package dev.flowlens.enrich.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security groups from describe-network-interfaces and describe-services exports. */
class AccountExportsTest {
    private static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";

    @TempDir
    Path dir;

    @Test
    void aTaskTakesItsEnisGroupsElseItsServicesElseStaysUnknown() throws IOException {
        AccountExports exports = AccountExports.read(enis(), services());

        TaskState described = exports.fill(task("eni-1", "api"));
        assertThat(described.identity.securityGroups).containsExactly("sg-eni-a", "sg-egress");

        TaskState fromService = exports.fill(task("eni-gone", "api"));
        assertThat(fromService.identity.securityGroups).containsExactly("sg-api", "sg-egress");

        TaskState standalone = exports.fill(task("eni-gone", null));
        assertThat(standalone.identity.securityGroups).isNull(); // unknown, not "none"

        TaskState noGroups = exports.fill(task("eni-2", "api"));
        assertThat(noGroups.identity.securityGroups).isEmpty(); // described with none
    }

    @Test
    void groupsAnObservationAlreadyHasAreKeptAndTheInputIsNotChanged() throws IOException {
        AccountExports exports = AccountExports.read(enis(), services());
        TaskState known = task("eni-1", "api");
        known.identity.securityGroups = new java.util.ArrayList<>(List.of("sg-reconciled"));
        assertThat(exports.fill(known).identity.securityGroups).containsExactly("sg-reconciled");

        TaskState unknown = task("eni-1", "api");
        exports.fill(unknown);
        assertThat(unknown.identity.securityGroups).isNull();
    }

    @Test
    void everyAddressOfEveryDescribedInterfaceIsKnown() throws IOException {
        assertThat(AccountExports.read(enis(), null).interfaceAddresses())
                .containsExactly("10.0.1.5", "10.0.1.6", "10.0.1.7", "2600:1f18::7");
        assertThat(AccountExports.read(null, services()).interfaceAddresses()).isEmpty();
    }

    @Test
    void somethingElseThanTheCommandsOutputIsRefused() throws IOException {
        Path wrong = Files.writeString(dir.resolve("x.json"), "{\"tasks\": []}");
        assertThatThrownBy(() -> AccountExports.read(wrong, null)).hasMessageContaining("NetworkInterfaces");
        assertThatThrownBy(() -> AccountExports.read(null, wrong)).hasMessageContaining("services");
    }

    private Path enis() throws IOException {
        return Files.writeString(dir.resolve("enis.json"), """
                {"NetworkInterfaces": [
                  {"NetworkInterfaceId": "eni-1", "InterfaceType": "interface", "RequesterManaged": true,
                   "Groups": [{"GroupId": "sg-eni-a", "GroupName": "a"}, {"GroupId": "sg-egress", "GroupName": "e"}],
                   "PrivateIpAddress": "10.0.1.5", "Status": "in-use"},
                  {"NetworkInterfaceId": "eni-2", "Groups": [], "PrivateIpAddress": "10.0.1.6",
                   "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.1.6", "Primary": true},
                                          {"PrivateIpAddress": "10.0.1.7", "Primary": false}],
                   "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::7"}]}
                ]}""");
    }

    private Path services() throws IOException {
        return Files.writeString(dir.resolve("services.json"), """
                {"services": [{"serviceName": "api", "clusterArn": "%s",
                  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"],
                    "securityGroups": ["sg-api", "sg-egress"]}}}], "failures": []}""".formatted(CLUSTER));
    }

    private static TaskState task(String eni, String service) {
        TaskIdentity identity = new TaskIdentity();
        identity.taskArn = "arn:task/" + eni;
        identity.eniId = eni;
        identity.serviceName = service;
        identity.clusterArn = CLUSTER;
        return TaskState.of(identity, 1, "RUNNING", 0);
    }
}
