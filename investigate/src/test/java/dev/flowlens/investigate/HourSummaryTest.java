package dev.flowlens.investigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.EnrichedFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hour summaries on a simulated dataset written by the job's Parquet writer: investigations answered with them equal
 * those read raw and the plain-Java answers, row for row, for every kind of subject over whole and partial hours; a
 * file added after summarizing is read raw beside its hour's summary; a summary whose files changed, or that is not
 * a summary at all, is ignored with its reason; {@code summarize} skips current hours and touches no file it did
 * not write.
 */
class HourSummaryTest {
    private static final String TEN = "dt=2024-05-06/hour=10";

    @TempDir
    static Path dir;
    static SimulatedDataset dataset;

    @BeforeAll
    static void writeDataset() throws IOException {
        dataset = SimulatedDataset.write(dir, 130); // 09:00 to 11:10 UTC: hours 09 and 10 whole, 11 in part
        InvestigatorTest.dataset = dataset;
    }

    /** A copy of the dataset of this test's own, so each test summarizes and damages its own. */
    private static Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        try (Stream<Path> walk = Files.walk(dataset.root)) {
            for (Path file : walk.toList()) {
                Path to = target.resolve(dataset.root.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    private static List<Summarizer.Hour> summarize(Path root) {
        return Summarizer.run(root.toString(), null, null, TimeRange.ALL, (done, total) -> { });
    }

    private static Investigation run(Path root, Subject subject, TimeRange range, boolean summaries) {
        return Investigations.run(root.toString(), null, null, subject, range, false, summaries,
                Investigations.Listener.NONE);
    }

    private static String explain(Investigation investigation) {
        StringWriter text = new StringWriter();
        Investigations.explain(investigation, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void everyKindOfSubjectAnswersWithSummariesAsWithoutOverWholeAndPartialHours() throws IOException {
        Path root = copy("answers");
        List<Summarizer.Hour> hours = summarize(root);
        assertThat(hours).extracting(Summarizer.Hour::outcome).containsOnly(Summarizer.Outcome.WRITTEN);
        assertThat(hours).extracting(Summarizer.Hour::partition).containsExactly("dt=2024-05-06/hour=09", TEN,
                "dt=2024-05-06/hour=11", "dt=2024-05-06");
        assertThat(hours).allSatisfy(hour -> assertThat(hour.rows()).isPositive().isLessThan(hour.flows()));
        Instant nine = dataset.start;
        List<TimeRange> ranges = List.of(TimeRange.ALL,
                new TimeRange(nine, nine.plus(Duration.ofHours(2))), // 09 and 10, whole
                new TimeRange(nine.plus(Duration.ofMinutes(40)), nine.plus(Duration.ofMinutes(125))), // 09, 11 partial
                new TimeRange(nine.plus(Duration.ofHours(1)), null)); // 10 whole, 11 whole but open-ended
        int compared = 0;
        for (Subject subject : InvestigatorTest.subjects()) {
            for (TimeRange range : ranges) {
                Investigation with = run(root, subject, range, true);
                Investigation without = run(root, subject, range, false);
                List<Counterpart> expected = ReferenceAnswers.answer(dataset.flows, subject, range);
                assertThat(with.rows()).as("%s in %s", subject, range).isEqualTo(without.rows()).isEqualTo(expected);
                assertThat(without.summarizedHours()).isZero();
                if (subject.kind() == Subject.Kind.PORT) {
                    assertThat(with.summarizedHours()).isZero();
                    assertThat(with.hours()).allSatisfy(hour -> assertThat(hour.why()).isEqualTo("ports are not in"
                            + " the summaries"));
                } else {
                    assertThat(with.summarizedHours()).as("%s in %s", subject, range).isPositive();
                    assertThat(with.sql()).contains(HourSummary.FILE);
                }
                compared += expected.size();
            }
        }
        assertThat(compared).as("rows compared").isGreaterThan(500);

        // over the whole range, the day's summary answers for its three hours; over a part, the hours' own
        assertThat(run(root, Subject.cidr("10.0.0.0/16"), TimeRange.ALL, true).hours())
                .extracting(Investigation.Hour::summary).containsOnly(root.resolve(HourSummary.FOLDER)
                        .resolve("dt=2024-05-06").resolve(HourSummary.FILE).toString());
        assertThat(run(root, Subject.cidr("10.0.0.0/16"), ranges.get(1), true).hours())
                .extracting(Investigation.Hour::summary).allMatch(summary -> summary.contains("/hour="));

        TimeRange partial = ranges.get(2);
        Investigation mixed = run(root, Subject.cidr("10.0.0.0/16"), partial, true);
        assertThat(mixed.hours()).extracting(Investigation.Hour::partition, Investigation.Hour::summarized)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dt=2024-05-06/hour=09", false),
                        org.assertj.core.groups.Tuple.tuple(TEN, true),
                        org.assertj.core.groups.Tuple.tuple("dt=2024-05-06/hour=11", false));
        assertThat(explain(mixed)).contains("hour summaries: 1 hours from their summaries")
                .contains("2 hours read raw").contains("raw: 2 hours: the hour is partly outside the time range")
                .contains("  kept    " + TEN + ": 2 files");
    }

    @Test
    void summarizeSkipsCurrentHoursAndTouchesNoFileItDidNotWrite() throws IOException {
        Path root = copy("idempotent");
        Path notes = Files.createDirectories(root.resolve(HourSummary.FOLDER).resolve(TEN)).resolve("notes.txt");
        Files.writeString(notes, "kept by an operator");
        summarize(root);
        Path summary = root.resolve(HourSummary.FOLDER).resolve(TEN).resolve(HourSummary.FILE);
        FileTime written = Files.getLastModifiedTime(summary);
        List<Path> before = listing(root);

        List<Summarizer.Hour> again = summarize(root);
        assertThat(again).extracting(Summarizer.Hour::outcome).containsOnly(Summarizer.Outcome.CURRENT);
        assertThat(Files.getLastModifiedTime(summary)).isEqualTo(written);
        assertThat(listing(root)).isEqualTo(before);
        assertThat(Files.readString(notes)).isEqualTo("kept by an operator");
        // the dataset's readers do not take summaries for flows: no .parquet name, an underscore folder
        assertThat(before).filteredOn(path -> path.startsWith(root.resolve(HourSummary.FOLDER)))
                .noneMatch(path -> path.toString().endsWith(".parquet"));

        // a file in a summary's place that summarize did not write is refused, never replaced
        Path foreign = root.resolve(HourSummary.FOLDER).resolve("dt=2024-05-06/hour=09").resolve(HourSummary.FILE);
        Files.delete(foreign);
        Files.writeString(foreign, "someone else's");
        Files.delete(root.resolve("dt=2024-05-06/hour=09/flows-1.snappy.parquet")); // so the hour is due again
        assertThatThrownBy(() -> summarize(root)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(foreign.toString()).hasMessageContaining("is not one flowlens wrote")
                .hasMessageContaining("move it away");
        assertThat(Files.readString(foreign)).isEqualTo("someone else's");
    }

    @Test
    void anHourlyRunOverTheLastHoursKeepsTheDaysSummaryWhole() throws IOException {
        Path root = copy("hourly");
        Summarizer.run(root.toString(), null, null, TimeRange.parse("2024-05-06T09:00:00Z", "2024-05-06T11:00:00Z"),
                (done, total) -> { });
        List<Summarizer.Hour> last = Summarizer.run(root.toString(), null, null,
                TimeRange.parse("2024-05-06T11:00:00Z", null), (done, total) -> { });
        assertThat(last).extracting(Summarizer.Hour::partition, Summarizer.Hour::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dt=2024-05-06/hour=11", Summarizer.Outcome.WRITTEN),
                org.assertj.core.groups.Tuple.tuple("dt=2024-05-06", Summarizer.Outcome.WRITTEN));
        assertThat(last.get(1).files()).isEqualTo(6); // the three hours' two files each
        Subject subject = InvestigatorTest.subjects().get(6);
        Investigation day = run(root, subject, TimeRange.ALL, true);
        assertThat(day.hours()).extracting(Investigation.Hour::summary).containsOnly(root.resolve(
                HourSummary.FOLDER).resolve("dt=2024-05-06").resolve(HourSummary.FILE).toString());
        assertThat(day.rows()).isEqualTo(ReferenceAnswers.answer(dataset.flows, subject, TimeRange.ALL));
    }

    private static List<Path> listing(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().toList();
        }
    }

    @Test
    void aFileAddedAfterTheSummaryIsReadRawBesideIt() throws IOException {
        Path root = copy("late");
        summarize(root);
        // late records land in an old hour: a third file, with copies of flows of that hour, added after
        List<EnrichedFlow> late = new ArrayList<>(dataset.flows.stream().filter(flow -> flow.record.start != null
                && Instant.ofEpochSecond(flow.record.start).isAfter(dataset.start.plus(Duration.ofMinutes(75)))
                && Instant.ofEpochSecond(flow.record.start).isBefore(dataset.start.plus(Duration.ofMinutes(80))))
                .toList());
        assertThat(late).isNotEmpty();
        SimulatedDataset.write(root.resolve(TEN).resolve("flows-late.snappy.parquet"), late);
        List<EnrichedFlow> all = new ArrayList<>(dataset.flows);
        all.addAll(late);
        TimeRange range = TimeRange.parse("2024-05-06T10:00:00Z", "2024-05-06T11:00:00Z");
        for (Subject subject : InvestigatorTest.subjects()) {
            Investigation with = run(root, subject, range, true);
            assertThat(with.rows()).as("%s", subject).isEqualTo(run(root, subject, range, false).rows())
                    .isEqualTo(ReferenceAnswers.answer(all, subject, range));
            if (subject.kind() != Subject.Kind.PORT) {
                assertThat(with.hours()).singleElement().satisfies(hour -> {
                    assertThat(hour.summarized()).isTrue();
                    assertThat(hour.rawFiles()).isEqualTo(1);
                });
            }
        }
        assertThat(explain(run(root, Subject.cidr("10.0.0.0/8"), range, true)))
                .contains("1 files added since read raw");
        // summarize takes the new file in: the hour's summary is written again, then current
        // over the whole day, its summary with the late file beside it
        for (Subject subject : List.of(Subject.cidr("10.0.0.0/16"), InvestigatorTest.subjects().get(6))) {
            Investigation day = run(root, subject, TimeRange.ALL, true);
            assertThat(day.rows()).isEqualTo(ReferenceAnswers.answer(all, subject, TimeRange.ALL));
            assertThat(day.hours()).extracting(Investigation.Hour::rawFiles).containsExactly(0, 1, 0);
            assertThat(day.hours()).extracting(Investigation.Hour::summary).allMatch(summary -> summary.endsWith(
                    "dt=2024-05-06/" + HourSummary.FILE));
        }
        assertThat(summarize(root)).filteredOn(hour -> hour.outcome() == Summarizer.Outcome.WRITTEN)
                .extracting(Summarizer.Hour::partition).containsExactly(TEN, "dt=2024-05-06");
        Investigation resummarized = run(root, Subject.cidr("10.0.0.0/8"), range, true);
        assertThat(resummarized.hours()).singleElement().satisfies(hour -> assertThat(hour.rawFiles()).isZero());
        assertThat(resummarized.rows()).isEqualTo(ReferenceAnswers.answer(all, Subject.cidr("10.0.0.0/8"), range));
    }

    @Test
    void aStaleOrDamagedSummaryIsIgnoredAndTheHourReadRaw() throws IOException {
        Path root = copy("stale");
        summarize(root);
        Subject subject = Subject.cidr("10.0.0.0/16");
        // hour 09: a covered file removed; hour 10: a covered file rewritten with fewer flows; hour 11: damaged
        Path nine = root.resolve("dt=2024-05-06/hour=09");
        Files.delete(nine.resolve("flows-1.snappy.parquet"));
        Path rewritten = root.resolve(TEN).resolve("flows-0.snappy.parquet");
        List<EnrichedFlow> tenFlows = dataset.flows.stream().filter(flow -> flow.record.start != null
                && flow.record.start >= dataset.start.getEpochSecond() + 3600
                && flow.record.start < dataset.start.getEpochSecond() + 7200).toList();
        Files.delete(rewritten);
        SimulatedDataset.write(rewritten, tenFlows.subList(0, 10));
        Path damaged = root.resolve(HourSummary.FOLDER).resolve("dt=2024-05-06/hour=11").resolve(HourSummary.FILE);
        byte[] bytes = Files.readAllBytes(damaged);
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        // and the day's summary, damaged: the hours go by their own summaries (here: none usable)
        Path day = root.resolve(HourSummary.FOLDER).resolve("dt=2024-05-06").resolve(HourSummary.FILE);
        Files.writeString(day, "not parquet");
        Investigation with = run(root, subject, TimeRange.ALL, true);
        Investigation without = run(root, subject, TimeRange.ALL, false);
        assertThat(with.rows()).isEqualTo(without.rows()).isNotEmpty();
        assertThat(with.summarizedHours()).isZero();
        assertThat(with.hours()).extracting(Investigation.Hour::why).containsExactly(
                "its summary is stale: flows-1.snappy.parquet is gone",
                "its summary is stale: flows-0.snappy.parquet changed",
                "its summary " + damaged + " is ignored: " + with.hours().get(2).why().substring(
                        ("its summary " + damaged + " is ignored: ").length()));
        assertThat(with.hours().get(2).why()).contains("not a readable Parquet file");
        assertThat(explain(with)).contains("0 hours from their summaries").contains("3 hours read raw")
                .contains("raw: 1 hours: its summary is stale: flows-1.snappy.parquet is gone");

        // a non-Parquet file in a summary's place, and another folder's file: ignored, the answer unchanged
        Files.writeString(damaged, "not parquet at all");
        Files.writeString(damaged.resolveSibling("README"), "x");
        assertThat(run(root, subject, TimeRange.ALL, true).rows()).isEqualTo(without.rows());
        // a Parquet file that is not a summary (a data file copied there): ignored too
        Files.delete(damaged);
        Files.copy(root.resolve("dt=2024-05-06/hour=11/flows-0.snappy.parquet"), damaged);
        Investigation foreign = run(root, subject, TimeRange.ALL, true);
        assertThat(foreign.rows()).isEqualTo(without.rows());
        assertThat(foreign.hours().get(2).why()).endsWith("is ignored: not a flowlens summary");
    }
}
