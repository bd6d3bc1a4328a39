package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.report.UsageReportOptions;
import dev.flowlens.report.Period;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/flowlens-usage-report.yaml, parsed: the CronJob's schedule and limits, the FlinkDeployment it
 * applies (the cluster jar's report main class, the report's service account), the report configuration (declared
 * report.* keys, the enrichment job's dataset), the scheduler's RBAC and the report's IAM policy.
 */
class UsageReportCronJobTest {
    private static final String JAR = "/opt/flink/usrlib/flowlens-cluster.jar";

    @TempDir
    Path dir;

    @Test
    void weeklyOnMondayAt3UtcOneAtATimeWithBoundedRuns() throws Exception {
        JsonNode spec = cronJob().path("spec");
        Cron cron = Cron.parse(spec.path("schedule").asText());
        assertThat(spec.path("timeZone").asText()).isEqualTo("Etc/UTC");
        // the next runs after a Wednesday: the following Mondays at 03:00, a week apart
        ZonedDateTime wednesday = ZonedDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime first = cron.next(wednesday);
        assertThat(first).isEqualTo(ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, ZoneOffset.UTC));
        assertThat(first.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(cron.next(first)).isEqualTo(first.plusWeeks(1));
        assertThat(spec.path("concurrencyPolicy").asText()).isEqualTo("Forbid");
        assertThat(spec.path("successfulJobsHistoryLimit").asInt()).isPositive();
        assertThat(spec.path("failedJobsHistoryLimit").asInt()).isPositive();
        JsonNode job = spec.path("jobTemplate").path("spec");
        assertThat(job.path("backoffLimit").isInt()).isTrue();
        assertThat(job.path("backoffLimit").asInt()).isBetween(0, 3);
        assertThat(job.path("activeDeadlineSeconds").asLong()).isPositive().isLessThan(7 * 86_400);
        assertThat(job.path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void itAppliesAFlinkDeploymentOfTheReportMainClassFromTheClusterJar() throws Exception {
        JsonNode deployment = flinkDeployment();
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        JsonNode spec = deployment.path("spec");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        JsonNode job = spec.path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo("local://" + JAR);
        assertThat(job.path("upgradeMode").asText()).isEqualTo("stateless");
        assertThat(job.path("parallelism").asInt()).isPositive();
        String entryClass = job.path("entryClass").asText();
        assertThat(entryClass).isEqualTo("dev.flowlens.jobs.report.UsageReportJob");
        // the class is this module's, which the cluster jar shades (ClusterJarIT checks the jar itself)
        assertThat(Path.of("target/classes", entryClass.replace('.', '/') + ".class")).exists();
        Method main = Class.forName(entryClass).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();

        // the script applies the mounted template and follows the deployment of that name
        JsonNode pod = cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        String script = container.path("args").get(0).asText();
        String name = deployment.path("metadata").path("name").asText();
        assertThat(script).contains("name=" + name).contains("apply -f /opt/flowlens/deployment/flinkdeployment.yaml")
                .contains("{.status.jobStatus.state}").contains("FINISHED").contains("FAILED").contains("exit 1");
        assertThat(container.path("volumeMounts").get(0).path("mountPath").asText())
                .isEqualTo("/opt/flowlens/deployment");
        assertThat(pod.path("volumes").get(0).path("configMap").path("name").asText())
                .isEqualTo("flowlens-usage-report-deployment");
        assertThat(deployment.path("metadata").path("namespace").asText())
                .isEqualTo(cronJob().path("metadata").path("namespace").asText());
    }

    /** job.args name the mounted report configuration; every key in it is a declared report option. */
    @Test
    void itsConfigurationIsMadeOfDeclaredReportKeysOverTheEnrichmentJobsDataset() throws Exception {
        JsonNode spec = flinkDeployment().path("spec");
        List<String> args = new ArrayList<>();
        spec.path("job").path("args").forEach(arg -> args.add(arg.asText()));
        assertThat(args).hasSize(2).first().isEqualTo("--config");
        Path configPath = Path.of(args.get(1));
        JsonNode container = spec.path("podTemplate").path("spec").path("containers").get(0);
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        JsonNode mount = container.path("volumeMounts").get(0);
        assertThat(Path.of(mount.path("mountPath").asText())).isEqualTo(configPath.getParent());
        JsonNode volume = spec.path("podTemplate").path("spec").path("volumes").get(0);
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        JsonNode configMap = DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "ConfigMap",
                volume.path("configMap").path("name").asText());
        String text = configMap.path("data").path(configPath.getFileName().toString()).asText();
        assertThat(text).isNotBlank();

        Path file = Files.writeString(dir.resolve("usage-report.yaml"), text);
        JobConfig config = JobConfig.read(file, Map.of(), UsageReportOptions.ALL); // an unknown key fails here
        TreeSet<String> keys = keys(DeployFiles.YAML.readTree(text), "");
        assertThat(keys).isNotEmpty().allMatch(key -> key.startsWith("report."));
        assertThat(keys).isSubsetOf(UsageReportOptions.ALL.stream().map(JobOption::key).toList());
        assertThat(config.required(UsageReportOptions.OUTPUT)).startsWith("s3://");
        Period week = Period.last(config.required(UsageReportOptions.PERIOD), Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(week).isEqualTo(new Period(Instant.parse("2026-11-30T00:00:00Z").getEpochSecond(),
                Instant.parse("2026-12-07T00:00:00Z").getEpochSecond()));

        // the dataset is the one the enrichment job writes
        String enrich = DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "ConfigMap", "flowlens-enrich-config")
                .path("data").path("enrich.yaml").asText();
        JobConfig enrichment = JobConfig.read(Files.writeString(dir.resolve("enrich.yaml"), enrich), Map.of(),
                EnrichmentOptions.ALL);
        assertThat(config.required(UsageReportOptions.DATASET))
                .isEqualTo(enrichment.required(EnrichmentOptions.PARQUET));
    }

    @Test
    void theSchedulerMayOnlyHandleFlinkDeploymentsAndTheReportHasItsOwnIamRole() throws Exception {
        List<JsonNode> documents = DeployFiles.yamlDocuments("kubernetes");
        String scheduler = cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                .path("serviceAccountName").asText();
        JsonNode account = DeployFiles.only(documents, "ServiceAccount", scheduler);
        assertThat(account.path("metadata").path("annotations").has("eks.amazonaws.com/role-arn"))
                .as("the scheduler needs no AWS access").isFalse();
        JsonNode binding = documents.stream().filter(d -> d.path("kind").asText().equals("RoleBinding"))
                .filter(d -> d.path("subjects").get(0).path("name").asText().equals(scheduler)).findFirst()
                .orElseThrow();
        JsonNode role = DeployFiles.only(documents, "Role", binding.path("roleRef").path("name").asText());
        assertThat(role.path("rules")).hasSize(1);
        JsonNode rule = role.path("rules").get(0);
        assertThat(rule.path("apiGroups").toString()).isEqualTo("[\"flink.apache.org\"]");
        assertThat(rule.path("resources").toString()).isEqualTo("[\"flinkdeployments\"]");

        // the report's pods: their own IAM role, and the JobManager's Role to start TaskManagers
        String reportAccount = flinkDeployment().path("spec").path("serviceAccount").asText();
        assertThat(DeployFiles.only(documents, "ServiceAccount", reportAccount).path("metadata").path("annotations")
                .path("eks.amazonaws.com/role-arn").asText()).endsWith(":role/flowlens-usage-report");
        assertThat(DeployFiles.only(documents, "RoleBinding", "flowlens-jobmanager").path("subjects").toString())
                .contains("\"" + reportAccount + "\"");
    }

    /** The report's policy reads the dataset prefix and writes only the reports' prefix, never deletes. */
    @Test
    void theReportsPolicyReadsTheDatasetAndWritesTheReportsPrefix() throws Exception {
        JobConfig config = JobConfig.read(Files.writeString(dir.resolve("r.yaml"), DeployFiles.only(
                DeployFiles.yamlDocuments("kubernetes"), "ConfigMap", "flowlens-usage-report-config").path("data")
                .path("usage-report.yaml").asText()), Map.of(), UsageReportOptions.ALL);
        String dataset = arn(config.required(UsageReportOptions.DATASET));
        String output = arn(config.required(UsageReportOptions.OUTPUT));
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (JsonNode statement : DeployFiles.json("iam/usage-report.json").path("Statement")) {
            List<String> actions = new ArrayList<>();
            statement.path("Action").forEach(a -> actions.add(a.asText()));
            List<String> resources = new ArrayList<>();
            statement.path("Resource").forEach(r -> resources.add(r.asText()));
            assertThat(actions).doesNotContain("s3:DeleteObject");
            if (actions.contains("s3:PutObject")) {
                writes.addAll(resources);
            } else if (actions.contains("s3:GetObject")) {
                reads.addAll(resources);
            }
        }
        assertThat(reads).containsExactlyInAnyOrder(dataset, dataset + "/*");
        assertThat(writes).containsExactlyInAnyOrder(output, output + "/*");
    }

    private static String arn(String s3) {
        return "arn:aws:s3:::" + s3.substring("s3://".length());
    }

    private static TreeSet<String> keys(JsonNode node, String prefix) {
        TreeSet<String> keys = new TreeSet<>();
        node.fields().forEachRemaining(entry -> {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue().isObject()) {
                keys.addAll(keys(entry.getValue(), key));
            } else {
                keys.add(key);
            }
        });
        return keys;
    }

    private static JsonNode cronJob() throws Exception {
        JsonNode cronJob = DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "CronJob",
                "flowlens-usage-report");
        assertThat(cronJob.path("apiVersion").asText()).isEqualTo("batch/v1");
        return cronJob;
    }

    private static JsonNode flinkDeployment() throws Exception {
        String text = DeployFiles.only(DeployFiles.yamlDocuments("kubernetes"), "ConfigMap",
                "flowlens-usage-report-deployment").path("data").path("flinkdeployment.yaml").asText();
        JsonNode deployment = DeployFiles.YAML.readTree(text);
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        return deployment;
    }

    /**
     * A five-field cron schedule (minute hour day-of-month month day-of-week) as Kubernetes reads it: numbers, ranges,
     * lists, steps and {@code *}; day of week 0-7 with 0 and 7 Sunday. Enough to find the next run.
     */
    private record Cron(TreeSet<Integer> minutes, TreeSet<Integer> hours, TreeSet<Integer> days,
            TreeSet<Integer> months, TreeSet<Integer> weekdays, boolean anyDay, boolean anyWeekday) {
        static Cron parse(String schedule) {
            String[] fields = schedule.trim().split("\\s+");
            assertThat(fields).as("five fields: " + schedule).hasSize(5);
            TreeSet<Integer> weekdays = field(fields[4], 0, 7);
            if (weekdays.remove(7)) {
                weekdays.add(0);
            }
            return new Cron(field(fields[0], 0, 59), field(fields[1], 0, 23), field(fields[2], 1, 31),
                    field(fields[3], 1, 12), weekdays, fields[2].equals("*"), fields[4].equals("*"));
        }

        private static TreeSet<Integer> field(String text, int min, int max) {
            TreeSet<Integer> values = new TreeSet<>();
            for (String part : text.split(",")) {
                String[] step = part.split("/");
                int every = step.length == 2 ? Integer.parseInt(step[1]) : 1;
                int from;
                int to;
                if (step[0].equals("*")) {
                    from = min;
                    to = max;
                } else if (step[0].contains("-")) {
                    from = Integer.parseInt(step[0].split("-")[0]);
                    to = Integer.parseInt(step[0].split("-")[1]);
                } else {
                    from = Integer.parseInt(step[0]);
                    to = step.length == 2 ? max : from;
                }
                assertThat(from).as(text).isBetween(min, max);
                assertThat(to).as(text).isBetween(from, max);
                for (int v = from; v <= to; v += every) {
                    values.add(v);
                }
            }
            return values;
        }

        /** The first run strictly after {@code after}, minute by minute (at most a year ahead). */
        ZonedDateTime next(ZonedDateTime after) {
            ZonedDateTime t = after.withSecond(0).withNano(0).plusMinutes(1);
            for (int i = 0; i < 366 * 24 * 60; i++, t = t.plusMinutes(1)) {
                boolean dayOk = days.contains(t.getDayOfMonth());
                boolean weekdayOk = weekdays.contains(t.getDayOfWeek().getValue() % 7);
                // cron: when both day fields are restricted, either matching is enough
                boolean day = anyDay || anyWeekday ? dayOk && weekdayOk : dayOk || weekdayOk;
                if (minutes.contains(t.getMinute()) && hours.contains(t.getHour())
                        && months.contains(t.getMonthValue()) && day) {
                    return t;
                }
            }
            throw new AssertionError("no run within a year");
        }
    }
}
