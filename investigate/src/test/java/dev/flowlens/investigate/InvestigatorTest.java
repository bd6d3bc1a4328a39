package dev.flowlens.investigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.PeerClass;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Investigations over a simulated dataset written by the job's Parquet writer, against answers computed in plain Java
 * over the same flows; CSV and JSON compared exactly.
 */
class InvestigatorTest {
    @TempDir
    static Path dir;
    static SimulatedDataset dataset;

    @BeforeAll
    static void writeDataset() throws IOException {
        dataset = SimulatedDataset.write(dir, 130); // 09:00 to 11:10 UTC: three hour partitions
    }

    private static <T> T mostFrequent(Function<EnrichedFlow, Stream<T>> values) {
        Map<T, Long> counts = dataset.flows.stream().flatMap(values).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<T, Long>comparingByValue()
                .thenComparing(entry -> entry.getKey().toString(), Comparator.reverseOrder())).orElseThrow().getKey();
    }

    static List<Subject> subjects() {
        String internet = mostFrequent(f -> f.dst.peerClass == PeerClass.INTERNET ? Stream.of(f.record.dstAddr)
                : Stream.empty());
        String taskAddress = mostFrequent(f -> f.src.task != null ? Stream.of(f.record.srcAddr) : Stream.empty());
        long block = Subject.ipv4(taskAddress) & ~((1L << 12) - 1);
        return List.of(
                Subject.address(internet),
                Subject.address(taskAddress),
                Subject.cidr("10.0.0.0/16"),
                Subject.cidr(Subject.dotted(block) + "/20"),
                Subject.cidr("0.0.0.0/0"),
                Subject.port(String.valueOf(InvestigatorTest.<Integer>mostFrequent(f -> Stream.of(f.record.dstPort)))),
                Subject.awsService(mostFrequent(f -> Stream.of(f.dst.awsService)).toLowerCase()),
                Subject.securityGroup(mostFrequent(f -> f.src.task == null || f.src.task.securityGroups == null
                        ? Stream.empty() : f.src.task.securityGroups.stream())),
                Subject.task(mostFrequent(f -> f.src.task == null ? Stream.empty() : Stream.of(f.src.task.taskId))),
                Subject.task(mostFrequent(f -> f.dst.task == null ? Stream.empty() : Stream.of(f.dst.task.taskArn))),
                Subject.service(mostFrequent(f -> f.dst.task == null ? Stream.empty()
                        : Stream.of(f.dst.task.serviceName))),
                Subject.service(mostFrequent(f -> f.src.task == null || f.src.task.serviceName == null
                        ? Stream.empty() : Stream.of(f.src.task.clusterName + "/" + f.src.task.serviceName))));
    }

    static Investigation run(Subject subject, TimeRange range) {
        return Investigations.run(dataset.root.toString(), null, null, subject, range, Investigations.Listener.NONE);
    }

    static String format(ResultFormat format, Investigation investigation) throws IOException {
        StringWriter out = new StringWriter();
        format.write(investigation, out);
        return out.toString();
    }

    @Test
    void everyKindOfSubjectAnswersAsThePlainJavaComputationOverTheFlows() throws IOException {
        Instant from = dataset.start.plus(Duration.ofMinutes(40));
        List<TimeRange> ranges = List.of(TimeRange.ALL, new TimeRange(from, from.plus(Duration.ofMinutes(65))));
        for (Subject subject : subjects()) {
            for (TimeRange range : ranges) {
                Investigation actual = run(subject, range);
                List<Counterpart> expected = ReferenceAnswers.answer(dataset.flows, subject, range);
                assertThat(expected).as("%s in %s has counterparts", subject, range).isNotEmpty();
                Investigation reference = new Investigation(subject, range, actual.pruning(), actual.rowGroups(),
                        actual.sql(), expected);
                assertThat(format(ResultFormat.CSV, actual)).as("%s in %s", subject, range)
                        .isEqualTo(format(ResultFormat.CSV, reference));
                assertThat(format(ResultFormat.JSON, actual)).as("%s in %s", subject, range)
                        .isEqualTo(format(ResultFormat.JSON, reference));
                assertThat(actual.rows()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theTimeRangePrunesPartitionsByName() {
        Instant ten = Instant.parse("2024-05-06T10:00:00Z");
        Investigation investigation = run(Subject.cidr("10.0.0.0/8"), new TimeRange(ten.plusSeconds(600),
                ten.plusSeconds(1200)));
        assertThat(investigation.pruning().kept()).extracting(Partition::name).containsExactly("dt=2024-05-06/hour=10");
        assertThat(investigation.pruning().skipped()).extracting(Partition::name)
                .containsExactly("dt=2024-05-06/hour=09", "dt=2024-05-06/hour=11");
        assertThat(investigation.pruning().files()).hasSize(2);
        assertThat(investigation.rows()).isNotEmpty()
                .allSatisfy(row -> assertThat(row.firstSeen()).isBetween(ten.plusSeconds(600), ten.plusSeconds(1200)));

        Investigation otherDay = run(Subject.port("443"), TimeRange.parse("2024-05-07", "2024-05-08"));
        assertThat(otherDay.pruning().kept()).isEmpty();
        assertThat(otherDay.pruning().skipped()).extracting(Partition::name).containsExactly("dt=2024-05-06");
        assertThat(otherDay.rows()).isEmpty();
    }

    @Test
    void explainNamesWhatWasPrunedAndTheSql() throws IOException {
        Investigation investigation = Investigations.run(dataset.root.toString(), null, null, Subject.port("443"),
                TimeRange.parse("2024-05-06T09:30:00Z", "2024-05-06T10:30:00Z"), true, Investigations.Listener.NONE);
        assertThat(run(Subject.port("443"), TimeRange.ALL).rowGroups()).isNull(); // counted for --explain only
        StringWriter text = new StringWriter();
        Investigations.explain(investigation, new PrintWriter(text));
        long bytes = Files.size(dataset.root.resolve("dt=2024-05-06/hour=09/flows-0.snappy.parquet"))
                + Files.size(dataset.root.resolve("dt=2024-05-06/hour=09/flows-1.snappy.parquet"))
                + Files.size(dataset.root.resolve("dt=2024-05-06/hour=10/flows-0.snappy.parquet"))
                + Files.size(dataset.root.resolve("dt=2024-05-06/hour=10/flows-1.snappy.parquet"));
        assertThat(text.toString())
                .contains("partitions: 2 kept, 1 skipped by their dt=/hour= names")
                .contains("  kept    dt=2024-05-06/hour=09: 2 files")
                .contains("  skipped dt=2024-05-06/hour=11")
                .contains(String.format("files read: 4, %,d bytes", bytes))
                .contains("row groups: 4 in the files read")
                .contains("srcport = 443").contains("start >= " + Instant.parse("2024-05-06T09:30:00Z")
                        .getEpochSecond());
    }

    @Test
    void badInputIsOneSentenceNamingCauseAndFix() throws IOException {
        assertThatThrownBy(() -> Investigations.run(dir.resolve("nowhere").toString(), null, null, Subject.port("1"),
                TimeRange.ALL, Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is not a directory")
                .matches(e -> !((DatasetException) e).incomplete());
        assertThatThrownBy(() -> Investigations.run(dir.resolve("scenario").toString(), null, null,
                Subject.port("1"), TimeRange.ALL, Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("holds no dt=YYYY-MM-DD partitions");
        assertThatThrownBy(() -> Subject.cidr("10.0.0.0/33")).hasMessage("'10.0.0.0/33' is not an IPv4 CIDR block"
                + " (such as 10.0.0.0/16)");
        assertThatThrownBy(() -> Subject.cidr("10.0.0.1/16")).hasMessageContaining("host bits set: the block is"
                + " 10.0.0.0/16");
        assertThatThrownBy(() -> Subject.cidr("2001:db8::/32")).hasMessageContaining("IPv6 CIDR blocks are not"
                + " supported yet");
        assertThatThrownBy(() -> Subject.address("10.0.0.300")).hasMessageContaining("is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Subject.port("70000")).hasMessageContaining("is not a port");
        assertThatThrownBy(() -> TimeRange.parse("yesterday", null)).hasMessage("--from 'yesterday' is not an ISO"
                + " instant such as 2024-05-01T10:00:00Z, a date such as 2024-05-01 (UTC) or a duration before now"
                + " such as P2D");
        assertThatThrownBy(() -> TimeRange.parse("P2X", null)).hasMessageContaining("'P2X' is not an ISO instant");
        assertThatThrownBy(() -> TimeRange.parse("PT-6H", null)).hasMessage("--from 'PT-6H' is not a duration before"
                + " now: give a positive one such as P2D or PT6H");
        assertThatThrownBy(() -> TimeRange.parse("2024-05-02", "2024-05-01")).hasMessageContaining("the time range"
                + " is empty");

        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged.resolve("dt=2024-05-06/hour=09"));
        Files.writeString(damaged.resolve("dt=2024-05-06/hour=09/flows-0.snappy.parquet"), "not parquet");
        assertThatThrownBy(() -> Investigations.run(damaged.toString(), null, null, Subject.port("1"),
                TimeRange.ALL, Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("cannot read the dataset's files")
                .hasMessageContaining("flows-0.snappy.parquet").matches(e -> ((DatasetException) e).incomplete());
    }

    @Test
    void datesAsUntilMeanTheWholeDay() {
        TimeRange day = TimeRange.parse("2024-05-06", "2024-05-06");
        assertThat(day.from()).isEqualTo(Instant.parse("2024-05-06T00:00:00Z"));
        assertThat(day.until()).isEqualTo(Instant.parse("2024-05-07T00:00:00Z"));
        assertThat(TimeRange.parse("2024-05-06T09:00:00+02:00", null).from())
                .isEqualTo(Instant.parse("2024-05-06T07:00:00Z"));
    }

    @Test
    void durationsCountBackFromNow() {
        Instant now = Instant.parse("2024-05-08T10:30:00Z");
        TimeRange lastTwoDays = TimeRange.parse("P2D", null, now);
        assertThat(lastTwoDays.from()).isEqualTo(Instant.parse("2024-05-06T10:30:00Z"));
        assertThat(lastTwoDays.until()).isNull();
        TimeRange earlier = TimeRange.parse("P1DT2H", "PT6H", now);
        assertThat(earlier.from()).isEqualTo(Instant.parse("2024-05-07T08:30:00Z"));
        assertThat(earlier.until()).isEqualTo(Instant.parse("2024-05-08T04:30:00Z"));
        assertThatThrownBy(() -> TimeRange.parse("PT1H", "P1D", now)).hasMessageContaining("the time range is empty");
    }
}
