package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.peer.PrefixTrie;
import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.ReadStats;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.alert.AlertKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's invariants: its truth must be true, or nothing scored against it means anything. */
class SimulationTest {
    private static final SimConfig CONFIG = SimConfig.defaults().withDuration(20);

    @TempDir
    Path dir;

    @Test
    void noAddressIsHeldByTwoTasksAtOnceAndAddressesAreReused() {
        Simulation sim = new Simulation(CONFIG);
        Map<String, List<SimTask>> byIp = new HashMap<>();
        for (SimTask task : sim.fleet.tasks) {
            byIp.computeIfAbsent(task.ip, ip -> new ArrayList<>()).add(task);
        }
        int reused = 0;
        for (List<SimTask> holders : byIp.values()) {
            reused += holders.size() > 1 ? 1 : 0;
            for (int i = 0; i < holders.size(); i++) {
                for (int j = i + 1; j < holders.size(); j++) {
                    SimTask a = holders.get(i);
                    SimTask b = holders.get(j);
                    long aEnd = a.stoppedAt < 0 ? Long.MAX_VALUE : a.stoppedAt;
                    long bEnd = b.stoppedAt < 0 ? Long.MAX_VALUE : b.stoppedAt;
                    assertThat(a.holdsFrom < bEnd && b.holdsFrom < aEnd).as(a.ip).isFalse();
                    assertThat(a.holdsFrom).isLessThanOrEqualTo(a.createdAt);
                }
            }
        }
        assertThat(reused).as("addresses held by more than one task").isGreaterThan(20);
        assertThat(sim.fleet.tasks.stream().filter(t -> t.trunkEniId != null)).isNotEmpty();
        assertThat(sim.fleet.tasks.stream().filter(t -> t.standalone)).isNotEmpty();
    }

    @Test
    void someTasksAreCreatedWhileTheAddressTheyWillGetIsStillHeld() {
        Simulation sim = new Simulation(CONFIG);
        int overlaps = 0;
        for (SimTask task : sim.fleet.tasks) {
            assertThat(task.reportedCreatedAt).isLessThanOrEqualTo(task.holdsFrom);
            if (!task.overlapsPrevious) {
                assertThat(task.reportedCreatedAt).isEqualTo(task.createdAt);
                continue;
            }
            SimTask previous = sim.fleet.tasks.stream()
                    .filter(t -> t.ip.equals(task.ip) && t.stoppedAt == task.holdsFrom).findFirst().orElseThrow();
            // ECS's claim (createdAt) overlaps the previous owner's hold; the true hold starts at its stop
            assertThat(task.reportedCreatedAt).isLessThan(previous.stoppedAt);
            assertThat(sim.fleet.ownerAt(task.ip, previous.stoppedAt - 1)).isSameAs(previous);
            assertThat(sim.fleet.ownerAt(task.ip, previous.stoppedAt)).isSameAs(task);
            overlaps++;
        }
        assertThat(overlaps).isGreaterThan(10);
    }

    @Test
    void everyRecordsLabeledTasksHeldItsAddressesThenAndKeysAreUnique() {
        for (long seed = 1; seed <= 5; seed++) {
            checkRecords(new Simulation(CONFIG.withSeed(seed)));
        }
    }

    private static void checkRecords(Simulation sim) {
        Set<String> keys = new HashSet<>();
        Map<String, Integer> perEniWindow = new HashMap<>();
        List<String> problems = new ArrayList<>();
        sim.generate((record, srcTask, dstTask, tags) -> {
            if (!keys.add(TruthKey.of(record))) {
                problems.add("duplicate key " + TruthKey.of(record));
            }
            boolean incident = tags.contains("incident:");
            check(sim, record.srcAddr, srcTask, record, incident, problems);
            check(sim, record.dstAddr, dstTask, record, incident, problems);
            perEniWindow.merge(record.interfaceId + "@" + (record.start - record.start % 60), 1, Integer::sum);
        });
        assertThat(problems).isEmpty();
        assertThat(keys.size()).isGreaterThan(10_000);
        // a task ENI logs a handful of flows a window; only incident sources log hundreds
        long busy = perEniWindow.values().stream().filter(n -> n > 100).count();
        assertThat(busy).isLessThanOrEqualTo(sim.incidents().size() * 3L);
    }

    /** The labeled task held the address at the record's start; outside incidents (which probe addresses at one
     * instant), it still held it at the record's end. */
    private static void check(Simulation sim, String address, String task, FlowRecord record, boolean incident,
            List<String> problems) {
        if (task == null) {
            SimTask owner = address == null ? null : sim.fleet.ownerAt(address, record.start);
            if (owner != null && record.logStatus.equals("OK")) {
                problems.add(address + " labeled no task but held by " + owner.id + " at " + record.start);
            }
            return;
        }
        if (address == null) { // a NODATA or SKIPDATA record: labeled with the task whose own ENI recorded it
            SimTask labeled = sim.task(task);
            if (!record.interfaceId.equals(labeled.eniId) || labeled.trunkEniId != null
                    || !labeled.liveAt(record.start)) {
                problems.add(record.logStatus + " on " + record.interfaceId + " labeled " + task);
            }
            return;
        }
        SimTask owner = sim.fleet.ownerAt(address, record.start);
        if (owner == null || !owner.id.equals(task)) {
            problems.add(address + " labeled " + task + " but held by " + (owner == null ? "none" : owner.id));
        }
        SimTask labeled = sim.task(task);
        if (!incident && !labeled.liveAt(record.end)) {
            problems.add(task + " not live at the record's end");
        }
    }

    @Test
    void everyIncidentIsInTheData() {
        Simulation sim = new Simulation(CONFIG);
        Set<String> tagged = new HashSet<>();
        sim.generate((record, src, dst, tags) -> {
            for (String tag : tags.split(",")) {
                if (tag.startsWith("incident:")) {
                    tagged.add(tag.substring("incident:".length()));
                }
            }
        });
        assertThat(sim.incidents()).hasSize(8);
        for (Incident incident : sim.incidents()) {
            assertThat(tagged).contains(incident.kind().wireName());
        }
    }

    @Test
    void itsVpcCidrsDenyListAndClockDescribeWhatItSimulated() throws Exception {
        Simulation sim = new Simulation(CONFIG);
        PrefixTrie<String> vpc = new PrefixTrie<>();
        sim.vpcCidrs().forEach(cidr -> vpc.add(cidr, cidr));
        PrefixTrie<String> denyList = new PrefixTrie<>();
        sim.denyList().forEach(entry -> denyList.add(entry, entry));

        assertThat(sim.fleet.tasks).allSatisfy(task -> assertThat(vpc.find(task.ip)).as(task.ip).isNotNull());
        assertThat(Stream.concat(Stream.of(Fleet.LOAD_BALANCERS), Stream.of(Fleet.RESOLVER)))
                .allSatisfy(address -> assertThat(vpc.find(address)).as(address).isNotNull());
        assertThat(sim.incidents()).allSatisfy(incident -> assertThat(denyList.find(incident.peer()) != null)
                .as(incident.kind() + " " + incident.peer()).isEqualTo(incident.kind() == AlertKind.THREAT_LIST_MATCH));
        assertThat(sim.incidents()).anyMatch(incident -> incident.kind() == AlertKind.THREAT_LIST_MATCH);
        assertThat(sim.end()).isEqualTo(CONFIG.start().plusSeconds(CONFIG.durationMinutes() * 60L));
        long[] firstAndLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        sim.generate((record, src, dst, tags) -> {
            firstAndLast[0] = Math.min(firstAndLast[0], record.start);
            firstAndLast[1] = Math.max(firstAndLast[1], record.start);
        });
        assertThat(firstAndLast[0]).isEqualTo(sim.start().getEpochSecond());
        assertThat(firstAndLast[1]).isLessThan(sim.end().getEpochSecond());

        Path out = dir.resolve("reported");
        new ScenarioWriter(sim, out, ScenarioWriter.Layout.LINES).write();
        assertThat(Files.readAllLines(out.resolve("deny-list.txt")).stream().filter(line -> !line.startsWith("#")))
                .containsExactlyElementsOf(sim.denyList());
        com.fasterxml.jackson.databind.JsonNode scenario = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("scenario.json").toFile());
        assertThat(scenario.get("start").asText()).isEqualTo(sim.start().toString());
        assertThat(List.of(scenario.get("vpc-cidr").asText())).isEqualTo(sim.vpcCidrs());
    }

    @Test
    void writtenScenarioReadsBackCompletelyAndIsDeterministic() throws Exception {
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        long records = new ScenarioWriter(new Simulation(CONFIG.withFormat("v7")), first, ScenarioWriter.Layout.S3)
                .write();
        new ScenarioWriter(new Simulation(CONFIG.withFormat("v7")), second, ScenarioWriter.Layout.S3).write();

        assertThat(digest(first)).isEqualTo(digest(second));
        ReadStats stats = new ReadStats();
        List<DeadLetter> deadLetters = new ArrayList<>();
        long[] v7 = {0};
        RecordConsumer consumer = new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
                v7[0] += record.ecsTaskId != null ? 1 : 0;
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                deadLetters.add(deadLetter);
            }
        };
        try (Stream<Path> objects = Files.walk(first.resolve("flowlogs"))) {
            for (Path object : (Iterable<Path>) objects.filter(Files::isRegularFile)::iterator) {
                assertThat(object.toString()).endsWith(".log.gz").contains("/AWSLogs/123456789012/vpcflowlogs/");
                stats.add(new FlowLogFiles(dev.flowlens.ingest.FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT).read(object, consumer));
            }
        }
        assertThat(deadLetters).isEmpty();
        assertThat(stats.records()).isEqualTo(records);
        assertThat(v7[0]).isGreaterThan(records / 2);
        TaskStateChangeEvents events = new TaskStateChangeEvents();
        for (String line : Files.readAllLines(first.resolve("metadata/events.jsonl"))) {
            assertThat(events.parse(line.getBytes(StandardCharsets.UTF_8)).identity.privateIpv4).isNotNull();
        }
        assertThat(AlertScorer.incidents(first)).isEqualTo(new Simulation(CONFIG.withFormat("v7")).incidents());
        assertThat(Files.readString(first.resolve("truth/incidents.json"))).contains("\"kind\" : \"port-scan\"");
    }

    @Test
    void versionElevenScenarioNamesEachTaskPeersInterfaceAsTheNextHopAndReadsBack() throws Exception {
        Path out = dir.resolve("v11");
        Simulation sim = new Simulation(CONFIG.withFormat("v11"));
        long records = new ScenarioWriter(sim, out, ScenarioWriter.Layout.S3).write();
        List<FlowRecord> read = new ArrayList<>();
        RecordConsumer consumer = new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
                read.add(record);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                throw new AssertionError(deadLetter.reason + ": " + deadLetter.raw);
            }
        };
        try (Stream<Path> objects = Files.walk(out.resolve("flowlogs"))) {
            for (Path object : (Iterable<Path>) objects.filter(Files::isRegularFile)::iterator) {
                new FlowLogFiles(dev.flowlens.ingest.FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT)
                        .read(object, consumer);
            }
        }
        assertThat(read).hasSize((int) records).allMatch(r -> r.version == 11);
        Map<String, Set<String>> interfacesOfIp = new HashMap<>();
        for (SimTask task : sim.fleet.tasks) {
            interfacesOfIp.computeIfAbsent(task.ip, ip -> new HashSet<>()).add(task.recordedInterface());
        }
        long withNextHop = read.stream().filter(r -> r.nextHopInterfaceId != null).count();
        assertThat(withNextHop).as("east-west records name the peer's interface").isGreaterThan(records / 10);
        for (FlowRecord r : read) {
            if (r.nextHopInterfaceId != null) {
                String peer = "egress".equals(r.flowDirection) ? r.dstAddr : r.srcAddr;
                assertThat(interfacesOfIp.get(peer)).as(r.toString()).contains(r.nextHopInterfaceId);
                assertThat(r.nextHopVpcId).isEqualTo(r.vpcId);
                assertThat(r.nextHopSubnetId).startsWith("subnet-");
                assertThat(r.nextHopAzId).startsWith("use1-az");
            }
            assertThat(r.interfaceType).as("a task ENI is not an AWS-managed interface").isNull();
            assertThat(r.nextHopInterfaceType).isNull();
        }
        assertThat(read.stream().filter(r -> r.instanceTag != null && r.asgTag != null)).as("trunked tasks' hosts")
                .isNotEmpty();
    }

    @Test
    void cloudWatchLayoutReadsBackCompletely() throws Exception {
        Path out = dir.resolve("cw");
        long records = new ScenarioWriter(new Simulation(CONFIG), out, ScenarioWriter.Layout.CLOUDWATCH).write();
        ReadStats stats = new ReadStats();
        List<DeadLetter> deadLetters = new ArrayList<>();
        RecordConsumer consumer = new RecordConsumer() {
            @Override
            public void record(FlowRecord record) {
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                deadLetters.add(deadLetter);
            }
        };
        try (Stream<Path> payloads = Files.list(out.resolve("flowlogs"))) {
            for (Path payload : (Iterable<Path>) payloads::iterator) {
                stats.add(new FlowLogFiles(dev.flowlens.ingest.FlowLogFormat.defaultFormat(), ReaderLimits.DEFAULT)
                        .read(payload, consumer));
            }
        }
        assertThat(deadLetters).isEmpty();
        assertThat(stats.records()).isEqualTo(records);
    }

    private static String digest(Path root) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                sha.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
