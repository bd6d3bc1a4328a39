package dev.flowlens.investigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The dataset in S3 (S3Proxy in this JVM, speaking the S3 REST protocol): only the kept partitions' objects are
 * downloaded, into a bounded cache that reuses them and evicts only its own files; the answers are the local ones.
 */
class S3InvestigationTest {
    @TempDir
    static Path dir;
    static SimulatedDataset dataset;
    static S3Proxy proxy;
    static BlobStoreContext store;
    static S3Settings s3;

    @BeforeAll
    static void start() throws Exception {
        dataset = SimulatedDataset.write(dir, 70); // 09:00 to 10:10: two hour partitions
        System.setProperty("aws.accessKeyId", "flowlens-test");
        System.setProperty("aws.secretAccessKey", "flowlens-test-secret");
        store = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(java.net.URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "flowlens-test", "flowlens-test-secret").build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        s3 = new S3Settings("us-east-1", "http://127.0.0.1:" + proxy.getPort(), true);
        try (S3Client client = s3.client(); Stream<Path> walk = Files.walk(dataset.root)) {
            client.createBucket(b -> b.bucket("flow-lake"));
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                client.putObject(b -> b.bucket("flow-lake").key("enriched/" + dataset.root.relativize(file)),
                        RequestBody.fromFile(file));
            }
            // not the dataset's: never listed as data
            client.putObject(b -> b.bucket("flow-lake").key("enriched/dt=2024-05-06/hour=09/_SUCCESS"),
                    RequestBody.fromString(""));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
        store.close();
    }

    private static String csv(Investigation investigation) throws IOException {
        StringWriter out = new StringWriter();
        ResultFormat.CSV.write(investigation, out);
        return out.toString();
    }

    @Test
    void onlyTheKeptPartitionsAreDownloadedAndTheAnswersAreTheLocalOnes() throws IOException {
        Path cacheDir = dir.resolve("cache");
        S3Cache cache = new S3Cache(cacheDir, 1L << 30);
        TimeRange range = TimeRange.parse("2024-05-06T10:00:00Z", "2024-05-06T11:00:00Z");
        Subject subject = Subject.cidr("10.0.0.0/16");
        long[] downloaded = {0};
        Investigation remote = Investigations.run("s3://flow-lake/enriched", s3, cache, subject, range,
                new Investigations.Listener() {
                    @Override
                    public void downloading(long done, long total) {
                        downloaded[0] = done;
                    }
                });
        Investigation local = Investigations.run(dataset.root.toString(), null, null, subject, range,
                Investigations.Listener.NONE);
        assertThat(remote.rows()).isNotEmpty().isEqualTo(ReferenceAnswers.answer(dataset.flows, subject, range));
        assertThat(csv(remote)).isEqualTo(csv(local));
        assertThat(remote.pruning().kept()).extracting(Partition::name).containsExactly("dt=2024-05-06/hour=10");
        assertThat(remote.pruning().skipped()).extracting(Partition::name).containsExactly("dt=2024-05-06/hour=09");
        long hour10 = Files.size(dataset.root.resolve("dt=2024-05-06/hour=10/flows-0.snappy.parquet"))
                + Files.size(dataset.root.resolve("dt=2024-05-06/hour=10/flows-1.snappy.parquet"));
        assertThat(downloaded[0]).isEqualTo(hour10);
        try (Stream<Path> cached = Files.walk(cacheDir)) {
            assertThat(cached.filter(file -> file.toString().endsWith(".parquet"))
                    .map(file -> cacheDir.relativize(file).toString()))
                    .containsExactlyInAnyOrder("flow-lake/enriched/dt=2024-05-06/hour=10/flows-0.snappy.parquet",
                            "flow-lake/enriched/dt=2024-05-06/hour=10/flows-1.snappy.parquet");
        }
        try (S3Client client = s3.client()) {
            S3Cache.Fetched again = cache.fetch(client, "flow-lake", remote.pruning().files(), done -> {});
            assertThat(again.downloaded()).isZero();
            assertThat(again.reused()).isEqualTo(2);
        }
    }

    @Test
    void theCacheKeepsItsBoundAndEvictsOnlyItsOwnFiles() throws IOException {
        Path cacheDir = dir.resolve("bounded");
        Files.createDirectories(cacheDir);
        Path mine = Files.writeString(cacheDir.resolve("notes.txt"), "the user's own file");
        long hour09 = Files.size(dataset.root.resolve("dt=2024-05-06/hour=09/flows-0.snappy.parquet"))
                + Files.size(dataset.root.resolve("dt=2024-05-06/hour=09/flows-1.snappy.parquet"));
        long hour10 = Files.size(dataset.root.resolve("dt=2024-05-06/hour=10/flows-0.snappy.parquet"))
                + Files.size(dataset.root.resolve("dt=2024-05-06/hour=10/flows-1.snappy.parquet"));
        S3Cache cache = new S3Cache(cacheDir, Math.max(hour09, hour10) + 10);
        Subject subject = Subject.port("443");
        Investigation nine = Investigations.run("s3://flow-lake/enriched/", s3, cache, subject,
                TimeRange.parse("2024-05-06T09:00:00Z", "2024-05-06T10:00:00Z"), Investigations.Listener.NONE);
        Investigation ten = Investigations.run("s3://flow-lake/enriched/", s3, cache, subject,
                TimeRange.parse("2024-05-06T10:00:00Z", "2024-05-06T11:00:00Z"), Investigations.Listener.NONE);
        assertThat(nine.rows()).isNotEmpty();
        assertThat(ten.rows()).isNotEmpty();
        // hour 09's copies (least recently used) made room for hour 10's, within the bound; the user's file stays
        try (Stream<Path> cached = Files.walk(cacheDir)) {
            List<Path> copies = cached.filter(file -> file.toString().endsWith(".parquet")).toList();
            long held = 0;
            for (Path copy : copies) {
                held += Files.size(copy);
            }
            assertThat(held).isLessThanOrEqualTo(cache.maxBytes());
            assertThat(copies).extracting(copy -> cacheDir.relativize(copy).toString())
                    .contains("flow-lake/enriched/dt=2024-05-06/hour=10/flows-0.snappy.parquet",
                            "flow-lake/enriched/dt=2024-05-06/hour=10/flows-1.snappy.parquet")
                    .hasSizeLessThan(4);
        }
        assertThat(mine).hasContent("the user's own file");

        assertThatThrownBy(() -> Investigations.run("s3://flow-lake/enriched/", s3, cache, subject, TimeRange.ALL,
                Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("more than the cache's bound")
                .hasMessageContaining("narrow --from/--until or raise --cache-size");

        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign.resolve("flow-lake/enriched/dt=2024-05-06/hour=09"));
        Path notOurs = Files.writeString(
                foreign.resolve("flow-lake/enriched/dt=2024-05-06/hour=09/flows-0.snappy.parquet"), "someone's");
        assertThatThrownBy(() -> Investigations.run("s3://flow-lake/enriched", s3, new S3Cache(foreign, 1L << 30),
                subject, TimeRange.parse("2024-05-06", null), Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("the cache did not write it");
        assertThat(notOurs).hasContent("someone's");

        // nor a file that has the name of a download in progress, when no download of the cache's left it
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial.resolve("flow-lake/enriched/dt=2024-05-06/hour=09"));
        Path partOfTheirs = Files.writeString(
                partial.resolve("flow-lake/enriched/dt=2024-05-06/hour=09/flows-0.snappy.parquet.part"), "theirs");
        assertThatThrownBy(() -> Investigations.run("s3://flow-lake/enriched", s3, new S3Cache(partial, 1L << 30),
                subject, TimeRange.parse("2024-05-06", null), Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("the cache did not write it");
        assertThat(partOfTheirs).hasContent("theirs");
    }

    @Test
    void summariesAreWrittenToS3AndAnswerAsTheFlowsWithoutDownloadingThem() throws IOException {
        InvestigatorTest.dataset = dataset; // the subjects asked: this dataset's most frequent
        try (S3Client client = s3.client(); Stream<Path> walk = Files.walk(dataset.root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                client.putObject(b -> b.bucket("flow-lake").key("summarized/" + dataset.root.relativize(file)),
                        RequestBody.fromFile(file));
            }
        }
        String location = "s3://flow-lake/summarized";
        S3Cache writerCache = new S3Cache(dir.resolve("summarize-cache"), 1L << 30);
        List<Summarizer.Hour> hours = Summarizer.run(location, s3, writerCache, TimeRange.ALL, (done, total) -> { });
        assertThat(hours).extracting(Summarizer.Hour::outcome).containsOnly(Summarizer.Outcome.WRITTEN).hasSize(3);
        assertThat(Summarizer.run(location, s3, writerCache, TimeRange.ALL, (done, total) -> { }))
                .extracting(Summarizer.Hour::outcome).containsOnly(Summarizer.Outcome.CURRENT);
        try (S3Client client = s3.client()) {
            assertThat(client.listObjectsV2(b -> b.bucket("flow-lake").prefix("summarized/_summaries/")).contents())
                    .extracting(object -> object.key()).containsExactly(
                            "summarized/_summaries/dt=2024-05-06/flows.summary",
                            "summarized/_summaries/dt=2024-05-06/hour=09/flows.summary",
                            "summarized/_summaries/dt=2024-05-06/hour=10/flows.summary");
        }

        Path cacheDir = dir.resolve("summaries-only");
        S3Cache cache = new S3Cache(cacheDir, 1L << 30);
        TimeRange range = TimeRange.parse("2024-05-06T09:00:00Z", "2024-05-06T11:00:00Z");
        List<Subject> portsLast = InvestigatorTest.subjects().stream().sorted(java.util.Comparator.comparing(
                subject -> subject.kind() == Subject.Kind.PORT)).toList();
        for (Subject subject : portsLast) {
            Investigation remote = Investigations.run(location, s3, cache, subject, range, false, true,
                    Investigations.Listener.NONE);
            assertThat(remote.rows()).as("%s", subject).isEqualTo(ReferenceAnswers.answer(dataset.flows, subject,
                    range));
            assertThat(remote.summarizedHours()).isEqualTo(subject.kind() == Subject.Kind.PORT ? 0 : 2);
            if (subject.kind() != Subject.Kind.PORT) { // only the summaries came down
                try (Stream<Path> cached = Files.walk(cacheDir)) {
                    assertThat(cached.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                            .filter(name -> !name.startsWith(".flowlens-cache"))).containsOnly(HourSummary.FILE);
                }
            }
        }

        // a late object in hour 10: read raw beside its summary, the answer that of the flows
        try (S3Client client = s3.client()) {
            client.putObject(b -> b.bucket("flow-lake").key("summarized/dt=2024-05-06/hour=10/flows-late.parquet"),
                    RequestBody.fromFile(dataset.root.resolve("dt=2024-05-06/hour=10/flows-0.snappy.parquet")));
        }
        Subject subject = Subject.cidr("10.0.0.0/16");
        Investigation late = Investigations.run(location, s3, cache, subject, range, false, true,
                Investigations.Listener.NONE);
        assertThat(late.rows()).isEqualTo(Investigations.run(location, s3, cache, subject, range, false, false,
                Investigations.Listener.NONE).rows()).isNotEqualTo(ReferenceAnswers.answer(dataset.flows, subject,
                range));
        assertThat(late.hours()).extracting(Investigation.Hour::rawFiles).containsExactly(0, 1);
    }

    @Test
    void aMissingBucketOrPrefixIsAUsageError() {
        S3Cache cache = new S3Cache(dir.resolve("unused"), 1L << 20);
        assertThatThrownBy(() -> Investigations.run("s3://no-such-bucket/x", s3, cache, Subject.port("1"),
                TimeRange.ALL, Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist")
                .matches(e -> !((DatasetException) e).incomplete());
        assertThatThrownBy(() -> Investigations.run("s3://flow-lake/elsewhere", s3, cache, Subject.port("1"),
                TimeRange.ALL, Investigations.Listener.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("holds no dt=YYYY-MM-DD partitions");
        assertThat(List.of(S3Location.parse("s3://flow-lake/enriched").prefix(), S3Location.parse("s3://b1k/").prefix()))
                .containsExactly("enriched/", "");
    }
}
