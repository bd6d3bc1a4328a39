package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.enrich.aws.EcsReconciler;
import dev.flowlens.enrich.aws.FakeAwsApis;
import dev.flowlens.enrich.aws.ReconcilerSettings;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.SimConfigFile;
import dev.flowlens.sim.Simulation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code flowlens report capacity} on a simulated account, its rows compared with values computed here, by brute force,
 * from the simulator's truth ({@code truth/placements.tsv}, {@code truth/container-instances.tsv}): every task's
 * address and hold, its instance and reservation, and the trunk ENIs that also hold addresses in the task subnets.
 */
class ReportCapacityCommandTest {
    /** Three hours, half the untrunked services on EC2 without trunking, /25 subnets, no lost events. */
    static final SimConfig CONFIG = scenario("{\"duration-minutes\": 180, \"untrunked-ec2-share\": 0.5,"
            + " \"subnet-prefix\": 25, \"event-loss-rate\": 0, \"incidents\": false, \"max-tasks\": 12}");
    static final String FROM = "2024-05-06T09:00:00Z";
    static final String UNTIL = "2024-05-06T12:00:00Z";
    static final long START = 1714986000L;
    static final long END = START + 3 * 3600;

    @TempDir
    static Path dir;
    static Path scenario;

    record Hold(String ip, String subnet, long from, long until, String instance, int cpu, int memory) {}

    record Instance(String arn, String type, boolean trunking, String subnet, int eniLimit, int branchLimit,
            int cpu, int memory) {}

    static List<Hold> holds = new ArrayList<>();
    static Map<String, Instance> instances = new LinkedHashMap<>();

    @BeforeAll
    static void simulate() throws Exception {
        scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(CONFIG), scenario, ScenarioWriter.Layout.LINES).write();
        List<String> placements = Files.readAllLines(scenario.resolve("truth/placements.tsv"));
        for (String line : placements.subList(1, placements.size())) {
            String[] f = line.split("\t");
            long until = f[5].equals("-") ? Long.MAX_VALUE : Long.parseLong(f[5]);
            // an address is held from holds_from; the instance's ENI slot from the creation ECS reports
            holds.add(new Hold(f[1], f[2], Long.parseLong(f[3]), until, null, 0, 0));
            if (!f[6].equals("-")) {
                holds.add(new Hold(null, null, Long.parseLong(f[4]), until, f[6], Integer.parseInt(f[7]),
                        Integer.parseInt(f[8])));
            }
        }
        List<String> lines = Files.readAllLines(scenario.resolve("truth/container-instances.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            instances.put(f[0], new Instance(f[0], f[2], Boolean.parseBoolean(f[3]), f[5], Integer.parseInt(f[6]),
                    Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9])));
        }
    }

    @Test
    void subnetRowsEqualTheTruthsPeaksAndTrend() throws Exception {
        Cli.Run run = report("--format", "csv", "--table", "subnets");
        assertThat(run.exitCode()).as(run.errText()).isZero();
        List<String> rows = List.of(run.outText().split("\n"));
        assertThat(rows.get(0)).isEqualTo("period-start,period-end,account-id,vpc-id,subnet-id,availability-zone,"
                + "cidr,usable-addresses,peak-in-use,days-to-exhaustion");
        Set<String> subnets = new TreeSet<>();
        holds.stream().filter(h -> h.subnet() != null).forEach(h -> subnets.add(h.subnet()));
        List<String> expected = new ArrayList<>();
        for (String subnet : subnets) {
            long trunks = instances.values().stream().filter(i -> i.trunking() && i.subnet().equals(subnet)).count();
            long[] hourly = new long[3];
            for (int h = 0; h < 3; h++) {
                hourly[h] = addressesPeak(subnet, START + h * 3600L, START + (h + 1) * 3600L) + trunks;
            }
            long peak = Math.max(hourly[0], Math.max(hourly[1], hourly[2]));
            int az = subnet.charAt(8) - '0';
            expected.add(START + "," + END + ",123456789012,vpc-0a1b2c3d4e5f60718," + subnet + ",us-east-1"
                    + (char) ('a' + az) + ",10.0." + (az * 16) + ".0/25,123," + peak + ","
                    + days(hourly, 123));
        }
        assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expected);
        assertThat(run.errText()).startsWith("flowlens report capacity: 2024-05-06T09:00:00Z to 2024-05-06T12:00:00Z")
                .hasLineCount(1);
    }

    @Test
    void instanceRowsEqualTheTruthsPeaksAndTheEniBoundOnesAreTheTruths() throws Exception {
        Cli.Run run = report("--format", "json");
        assertThat(run.exitCode()).as(run.errText()).isZero();
        JsonNode rows = new ObjectMapper().readTree(run.outText()).get("instance-eni-density");
        assertThat(rows).hasSize(instances.size());
        Set<String> bound = new TreeSet<>();
        Set<String> reportedBound = new TreeSet<>();
        int i = 0;
        for (Instance instance : instances.values()) {
            JsonNode row = rows.get(i++);
            long[] peaks = instancePeaks(instance.arn());
            int limit = instance.trunking() ? instance.branchLimit() : instance.eniLimit();
            double cpu = share(peaks[1], instance.cpu());
            double memory = share(peaks[2], instance.memory());
            assertThat(row.get("container-instance-arn").asText()).isEqualTo(instance.arn());
            assertThat(row.get("instance-type").asText()).isEqualTo(instance.type());
            assertThat(row.get("trunking").asBoolean()).isEqualTo(instance.trunking());
            assertThat(row.get("eni-task-limit").asInt()).isEqualTo(instance.eniLimit());
            assertThat(row.get("branch-eni-limit").asInt()).isEqualTo(instance.branchLimit());
            assertThat(row.get("peak-awsvpc-tasks").asLong()).as(instance.arn()).isEqualTo(peaks[0]);
            assertThat(row.get("peak-cpu-reserved").asDouble()).as(instance.arn()).isEqualTo(cpu);
            assertThat(row.get("peak-memory-reserved").asDouble()).as(instance.arn()).isEqualTo(memory);
            if (peaks[0] >= limit && cpu < 1 && memory < 1) {
                bound.add(instance.arn());
            }
            int rowLimit = row.get("trunking").asBoolean() ? row.get("branch-eni-limit").asInt()
                    : row.get("eni-task-limit").asInt();
            if (row.get("peak-awsvpc-tasks").asInt() >= rowLimit && row.get("peak-cpu-reserved").asDouble() < 1
                    && row.get("peak-memory-reserved").asDouble() < 1) {
                reportedBound.add(row.get("container-instance-arn").asText());
            }
        }
        assertThat(bound).as("the truth's ENI-bound instances").isNotEmpty();
        assertThat(reportedBound).isEqualTo(bound);
        assertThat(instances.values().stream().filter(Instance::trunking).map(Instance::arn)).noneMatch(bound::contains);
    }

    @Test
    void theHtmlPageIsWrittenAndReplacedButNeverAForeignFile() throws Exception {
        Path page = dir.resolve("capacity.html");
        assertThat(report("--out", page.toString()).exitCode()).isZero();
        assertThat(Files.readString(page)).contains("<title>Flowlens capacity: subnet address headroom");
        assertThat(report("--out", page.toString()).exitCode()).isZero(); // its own page: replaced
        Path mine = Files.writeString(dir.resolve("mine.csv"), "my,notes\n");
        Cli.Run refused = report("--format", "csv", "--out", mine.toString());
        assertThat(refused.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(refused.errText()).contains("is not a csv report this command wrote").hasLineCount(1);
        assertThat(Files.readString(mine)).isEqualTo("my,notes\n");
    }

    @Test
    void aMalformedExportIsOneLineAndExitTwo() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        for (String name : List.of("events.jsonl", "network-interfaces.json", "subnets.json",
                "container-instances.json", "instance-types.json")) {
            Files.copy(scenario.resolve("metadata").resolve(name), bad.resolve(name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(bad.resolve("container-instances.json"), "{\"containerInstances\": [{\"containerInstanceArn\":"
                + " \"arn:aws:ecs:us-east-1:1:container-instance/prod/x\", \"attributes\": []}]");
        Cli.Run cut = Cli.run("", "report", "capacity", "--metadata", bad.toString(), "--format", "csv");
        assertThat(cut.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(cut.errText()).contains("--container-instances '").contains("is not JSON").hasLineCount(1);
        assertThat(cut.outText()).isEmpty();

        Files.writeString(bad.resolve("container-instances.json"), "{\"containerInstances\": [{\"containerInstanceArn\":"
                + " \"arn:aws:ecs:us-east-1:1:container-instance/prod/x\", \"attributes\": []}]}");
        Cli.Run noType = Cli.run("", "report", "capacity", "--metadata", bad.toString());
        assertThat(noType.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(noType.errText()).contains("containerInstances[0] has no ecs.instance-type attribute")
                .hasLineCount(1);

        Cli.Run table = report("--table", "instances");
        assertThat(table.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(table.errText()).contains("--table chooses the table of a CSV").hasLineCount(1);

        Files.delete(bad.resolve("instance-types.json"));
        Cli.Run missing = Cli.run("", "report", "capacity", "--metadata", bad.toString());
        assertThat(missing.exitCode()).isEqualTo(Flowlens.EXIT_USAGE);
        assertThat(missing.errText()).contains("instance-types.json' is not a file").hasLineCount(1);
    }

    /**
     * The reconciler's path: the same account served by the local ECS/EC2 endpoint (the container instances and
     * instance types the simulator exported, its subnets), read with {@code EcsReconciler.describeCapacity} through
     * the real SDK clients and written as exports, gives the same rows as the simulator's own exports.
     */
    @Test
    void theReconcilersExportsGiveTheSameReport() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path metadata = scenario.resolve("metadata");
        Path fromApis = dir.resolve("from-apis");
        try (FakeAwsApis aws = new FakeAwsApis()) {
            for (JsonNode instance : json.readTree(metadata.resolve("container-instances.json").toFile())
                    .get("containerInstances")) {
                aws.containerInstances.computeIfAbsent("arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                        k -> new ArrayList<>()).add((com.fasterxml.jackson.databind.node.ObjectNode) instance);
            }
            for (JsonNode type : json.readTree(metadata.resolve("instance-types.json").toFile()).get("InstanceTypes")) {
                JsonNode network = type.get("NetworkInfo");
                aws.instanceTypes.put(type.get("InstanceType").asText(), new int[] {
                    network.get("MaximumNetworkInterfaces").asInt(), network.get("Ipv4AddressesPerInterface").asInt(),
                    type.get("VCpuInfo").get("DefaultVCpus").asInt(), type.get("MemoryInfo").get("SizeInMiB").asInt()});
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode subnet : json.readTree(metadata.resolve("subnets.json").toFile()).get("Subnets")) {
                ids.add(subnet.get("SubnetId").asText());
                aws.subnets.put(subnet.get("SubnetId").asText(), new String[] {subnet.get("VpcId").asText(),
                    subnet.get("AvailabilityZone").asText(), subnet.get("CidrBlock").asText(),
                    subnet.get("AvailableIpAddressCount").asText(), subnet.get("OwnerId").asText()});
            }
            try (EcsReconciler reconciler = EcsReconciler.create(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                    aws.endpoint(), aws.endpoint(), ReconcilerSettings.DEFAULT, java.time.Clock.systemUTC())) {
                reconciler.describeCapacity(ids).writeExports(fromApis);
            }
        }
        for (String table : List.of("subnets", "instances")) {
            Cli.Run exported = report("--format", "csv", "--table", table);
            Cli.Run viaApis = Cli.run("", "report", "capacity", "--events", metadata.resolve("events.jsonl").toString(),
                    "--network-interfaces", metadata.resolve("network-interfaces.json").toString(), "--subnets",
                    fromApis.resolve("subnets.json").toString(), "--container-instances",
                    fromApis.resolve("container-instances.json").toString(), "--instance-types",
                    fromApis.resolve("instance-types.json").toString(), "--from", FROM, "--until", UNTIL, "--format",
                    "csv", "--table", table);
            assertThat(viaApis.exitCode()).as(viaApis.errText()).isZero();
            assertThat(viaApis.outText()).as(table).isEqualTo(exported.outText());
        }
    }

    private static Cli.Run report(String... options) {
        List<String> args = new ArrayList<>(List.of("report", "capacity", "--metadata",
                scenario.resolve("metadata").toString(), "--from", FROM, "--until", UNTIL));
        args.addAll(List.of(options));
        return Cli.run("", args.toArray(String[]::new));
    }

    /** The most distinct addresses of {@code subnet} held at once in {@code [from, until)}: checked at each start. */
    private static long addressesPeak(String subnet, long from, long until) {
        List<Long> moments = new ArrayList<>(List.of(from));
        for (Hold hold : holds) {
            if (subnet.equals(hold.subnet()) && hold.from() > from && hold.from() < until) {
                moments.add(hold.from());
            }
        }
        long peak = 0;
        for (long t : moments) {
            Set<String> held = new TreeSet<>();
            for (Hold hold : holds) {
                if (subnet.equals(hold.subnet()) && hold.from() <= t && t < hold.until()) {
                    held.add(hold.ip());
                }
            }
            peak = Math.max(peak, held.size());
        }
        return peak;
    }

    /** Tasks, CPU and memory at their peaks on {@code instance} in the period: checked at each start. */
    private static long[] instancePeaks(String instance) {
        List<Long> moments = new ArrayList<>(List.of(START));
        for (Hold hold : holds) {
            if (instance.equals(hold.instance()) && hold.from() > START && hold.from() < END) {
                moments.add(hold.from());
            }
        }
        long[] peaks = new long[3];
        for (long t : moments) {
            long[] at = new long[3];
            for (Hold hold : holds) {
                if (instance.equals(hold.instance()) && hold.from() <= t && t < hold.until()) {
                    at[0]++;
                    at[1] += hold.cpu();
                    at[2] += hold.memory();
                }
            }
            for (int k = 0; k < 3; k++) {
                peaks[k] = Math.max(peaks[k], at[k]);
            }
        }
        return peaks;
    }

    /** The trend of three hourly peaks: slope = (last - first) / 2; days from the line's last value. */
    private static String days(long[] hourly, long usable) {
        double slope = (hourly[2] - hourly[0]) / 2.0;
        if (!(slope > 0)) {
            return "";
        }
        double mean = (hourly[0] + hourly[1] + hourly[2]) / 3.0;
        double last = mean + slope;
        BigDecimal days = BigDecimal.valueOf(Math.max(0, usable - last) / slope / 24).setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return days.scale() < 0 ? days.setScale(0).toPlainString() : days.toPlainString();
    }

    private static double share(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }

    private static SimConfig scenario(String json) {
        try {
            return SimConfigFile.apply(SimConfig.defaults(), new ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
