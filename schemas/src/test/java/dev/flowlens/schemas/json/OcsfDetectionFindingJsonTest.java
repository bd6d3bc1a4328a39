package dev.flowlens.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OCSF form, parsed back: the Detection Finding's required attributes, its ids, and where each field went. */
class OcsfDetectionFindingJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheRequiredAttributesOfADetectionFinding() throws Exception {
        JsonNode finding = ocsf(AlertJsonTest.fullAlert());
        // required by the class and its base event: class, category, activity, type, severity, time, metadata,
        // finding_info (with uid); cloud.provider by the cloud profile
        for (String attribute : List.of("class_uid", "category_uid", "activity_id", "type_uid", "severity_id", "time",
                "metadata", "finding_info", "cloud")) {
            assertThat(finding.has(attribute)).as(attribute).isTrue();
        }
        assertThat(finding.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(finding.path("category_uid").asInt()).isEqualTo(2);
        assertThat(finding.path("metadata").path("version").asText()).isEqualTo("1.1.0");
        assertThat(finding.path("metadata").path("product").path("name").asText()).isEqualTo("Flowlens");
        assertThat(finding.path("metadata").path("product").path("vendor_name").asText()).isEqualTo("Flowlens");
        assertThat(finding.path("cloud").path("provider").asText()).isEqualTo("AWS");
        assertThat(finding.path("cloud").path("account").path("uid").asText()).isEqualTo("123456789012");
        assertThat(finding.path("cloud").path("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void activityAndTypeFollowTheAlertsStatus() throws Exception {
        Alert alert = AlertJsonTest.fullAlert();
        int[][] expected = {{1, 200401, 1}, {2, 200402, 1}, {3, 200403, 99}};
        AlertStatus[] statuses = {AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED};
        for (int i = 0; i < statuses.length; i++) {
            alert.status = statuses[i];
            JsonNode finding = ocsf(alert);
            assertThat(finding.path("activity_id").asInt()).as(statuses[i].wireName()).isEqualTo(expected[i][0]);
            assertThat(finding.path("type_uid").asLong()).as(statuses[i].wireName()).isEqualTo(expected[i][1]);
            assertThat(finding.path("status_id").asInt()).as(statuses[i].wireName()).isEqualTo(expected[i][2]);
        }
        assertThat(ocsf(alert).path("activity_name").asText()).isEqualTo("Close");
    }

    @Test
    void severitiesMapOntoOcsfsScale() throws Exception {
        Alert alert = AlertJsonTest.fullAlert();
        String[] names = {"Low", "Medium", "High", "Critical"};
        int[] ids = {2, 3, 4, 5};
        for (AlertSeverity severity : AlertSeverity.values()) {
            alert.severity = severity;
            JsonNode finding = ocsf(alert);
            assertThat(finding.path("severity_id").asInt()).as(severity.wireName()).isEqualTo(ids[severity.ordinal()]);
            assertThat(finding.path("severity").asText()).isEqualTo(names[severity.ordinal()]);
        }
    }

    @Test
    void findingInfoCarriesTheIncidentAndItsWindowInMilliseconds() throws Exception {
        Alert alert = AlertJsonTest.fullAlert();
        JsonNode info = ocsf(alert).path("finding_info");
        assertThat(info.path("uid").asText()).isEqualTo(alert.id);
        assertThat(info.path("title").asText()).isEqualTo("network-sweep by service api in cluster prod");
        assertThat(info.path("desc").asText()).isEqualTo(alert.explanation);
        assertThat(info.path("types").get(0).asText()).isEqualTo("network-sweep");
        assertThat(info.path("first_seen_time").asLong()).isEqualTo(alert.start * 1000);
        assertThat(info.path("last_seen_time").asLong()).isEqualTo(alert.end * 1000);
        assertThat(info.path("analytic").path("name").asText()).isEqualTo("network-sweep");
        assertThat(info.path("analytic").path("type_id").asInt()).isEqualTo(1);
        assertThat(ocsf(alert).path("time").asLong()).isEqualTo(alert.end * 1000);
    }

    @Test
    void everyKindHasAnAnalyticType() {
        for (AlertKind kind : AlertKind.values()) {
            assertThat(OcsfDetectionFindingJson.analyticTypeId(kind)).as(kind.wireName()).isIn(1, 2, 3);
        }
    }

    @Test
    void resourcesNameTheTasksTheirEnisAndGroupsOnce() throws Exception {
        JsonNode resources = ocsf(AlertJsonTest.fullAlert()).path("resources");
        List<String> uids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        resources.forEach(resource -> {
            uids.add(resource.path("uid").isNull() ? null : resource.path("uid").asText());
            types.add(resource.path("type").asText());
        });
        assertThat(types).containsExactly("AWS::ECS::Task", "AWS::ECS::Task", "AWS::EC2::NetworkInterface",
                "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroup");
        assertThat(uids).containsExactly("arn:aws:ecs:eu-west-1:123456789012:task/prod/t1", null, "eni-1", "sg-1",
                "sg-2");
        JsonNode task = resources.get(0);
        assertThat(task.path("name").asText()).isEqualTo("t1");
        assertThat(task.path("group").path("name").asText()).isEqualTo("api");
        assertThat(task.path("data").path("task-definition").asText()).isEqualTo("api:3");
        assertThat(task.path("data").path("security-groups").toString()).isEqualTo("[\"sg-1\",\"sg-2\"]");
        assertThat(resources.get(1).path("data").path("security-groups").isNull()).as("unknown groups").isTrue();
    }

    @Test
    void evidencesAreTheTasksEndAndThePeer() throws Exception {
        JsonNode evidences = ocsf(AlertJsonTest.fullAlert()).path("evidences");
        assertThat(evidences).hasSize(2);
        JsonNode first = evidences.get(0);
        assertThat(first.path("src_endpoint").path("ip").asText()).isEqualTo("10.0.1.5");
        assertThat(first.path("src_endpoint").path("interface_uid").asText()).isEqualTo("eni-1");
        assertThat(first.path("dst_endpoint").has("ip")).as("a CIDR is not an ip").isFalse();
        assertThat(first.path("dst_endpoint").path("port").asInt()).isEqualTo(22);
        assertThat(first.path("connection_info").path("protocol_num").asInt()).isEqualTo(6);

        Alert single = AlertJsonTest.fullAlert();
        single.peer.address = "198.51.100.7";
        single.tasks.clear();
        JsonNode peerOnly = ocsf(single).path("evidences");
        assertThat(peerOnly).hasSize(1);
        assertThat(peerOnly.get(0).path("dst_endpoint").path("ip").asText()).isEqualTo("198.51.100.7");
        assertThat(peerOnly.get(0).has("src_endpoint")).isFalse();
    }

    @Test
    void theSuggestedResponseIsTheRemediationAndTheRestIsUnmapped() throws Exception {
        Alert alert = AlertJsonTest.fullAlert();
        JsonNode finding = ocsf(alert);
        assertThat(finding.path("remediation").path("desc").asText()).isEqualTo(alert.suggestedResponse);
        assertThat(finding.path("message").asText()).isEqualTo(alert.explanation);
        JsonNode unmapped = finding.path("unmapped");
        assertThat(unmapped.path("kind").asText()).isEqualTo("network-sweep");
        assertThat(unmapped.path("peer-address").asText()).isEqualTo("10.0.2.0/24");
        assertThat(unmapped.path("peer-class").asText()).isEqualTo("same-vpc");
        assertThat(unmapped.path("threat-lists").get(0).asText()).isEqualTo("deny");
        assertThat(unmapped.path("evidence").path("distinct-hosts").asLong()).isEqualTo(100);
        assertThat(unmapped.path("evidence").path("samples")).hasSize(1);

        alert.suggestedResponse = null;
        assertThat(ocsf(alert).has("remediation")).as("remediation.desc is required when present").isFalse();
    }

    @Test
    void anAlertWithoutStatusOrSeverityIsUnknownNotAGuess() throws Exception {
        Alert alert = new Alert();
        alert.kind = AlertKind.BEACONING;
        JsonNode finding = ocsf(alert);
        assertThat(finding.path("activity_id").asInt()).isZero();
        assertThat(finding.path("type_uid").asLong()).isEqualTo(200400);
        assertThat(finding.path("severity_id").asInt()).isZero();
        assertThat(finding.path("evidences")).isEmpty();
    }

    private static JsonNode ocsf(Alert alert) throws Exception {
        return JSON.readTree(OcsfDetectionFindingJson.toJson(alert));
    }
}
