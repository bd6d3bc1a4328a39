package dev.flowlens.enrich.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading threat lists from real files, on a clock the test sets. */
class ReloadingThreatListsTest {
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> reloaded = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final ReloadingThreatLists.Listener listener = new ReloadingThreatLists.Listener() {
        @Override
        public void reloaded(ThreatList list) {
            reloaded.add(list.name());
        }

        @Override
        public void failed(ThreatList previous, Exception cause) {
            failures.add(previous.name() + ": " + cause.getMessage());
        }
    };

    /** Counts the reads that happened (a conditional load that found the version unchanged reads nothing). */
    private final List<String> reads = new ArrayList<>();
    private final ThreatListSource counting = (location, known) -> {
        ThreatListSource.Content content = ThreatListSource.files().load(location, known);
        if (content != null) {
            reads.add(location);
        }
        return content;
    };

    @Test
    void aChangedFileIsReadAgainOnceTheRefreshIntervalHasPassed() throws Exception {
        Path deny = write("deny.txt", "198.51.100.7\n", 1);
        ReloadingThreatLists lists = start(Map.of("deny", deny.toString()));

        write("deny.txt", "# new feed\n203.0.113.0/24\n", 2);
        assertThat(lists.refreshIfDue(T0 + REFRESH.toMillis() - 1)).isFalse();
        assertThat(lists.entries()).containsEntry("deny", List.of("198.51.100.7"));

        assertThat(lists.refreshIfDue(T0 + REFRESH.toMillis())).isTrue();
        assertThat(lists.entries()).containsEntry("deny", List.of("203.0.113.0/24"));
        assertThat(reloaded).containsExactly("deny");
        assertThat(failures).isEmpty();
    }

    @Test
    void anUnchangedFileIsNeitherReadNorParsedAgain() throws Exception {
        Path deny = write("deny.txt", "198.51.100.7\n", 1);
        ReloadingThreatLists lists = start(Map.of("deny", deny.toString()));
        assertThat(reads).hasSize(1);

        assertThat(lists.refreshIfDue(T0 + REFRESH.toMillis())).isFalse();
        assertThat(lists.refreshIfDue(T0 + 2 * REFRESH.toMillis())).isFalse();

        assertThat(reads).hasSize(1);
        assertThat(reloaded).isEmpty();
    }

    @Test
    void aBadOrMissingFileKeepsTheListInUseAndIsReported() throws Exception {
        Path deny = write("deny.txt", "198.51.100.7\n", 1);
        Path feed = write("feed.txt", "192.0.2.1\n", 1);
        ReloadingThreatLists lists = start(Map.of("deny", deny.toString(), "feed", feed.toString()));

        write("deny.txt", "198.51.100.7\nnot-an-address\n", 2);
        Files.delete(feed);
        assertThat(lists.refreshIfDue(T0 + REFRESH.toMillis())).isFalse();

        assertThat(lists.entries()).containsEntry("deny", List.of("198.51.100.7"))
                .containsEntry("feed", List.of("192.0.2.1"));
        assertThat(failures).containsExactlyInAnyOrder("deny: not an IP address or CIDR: 'not-an-address'",
                "feed: no such file '" + feed + "'");

        // fixed later: the next refresh takes it
        write("deny.txt", "198.51.100.8\n", 3);
        assertThat(lists.refreshIfDue(T0 + 2 * REFRESH.toMillis())).isTrue();
        assertThat(lists.entries()).containsEntry("deny", List.of("198.51.100.8"));
    }

    @Test
    void aListThatCannotBeReadAtStartIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ThreatLists.load(Map.of("deny", dir.resolve("gone.txt").toString()),
                ThreatListSource.files()))
                .isInstanceOf(IOException.class)
                .hasMessage("threat list deny '" + dir.resolve("gone.txt") + "': no such file '"
                        + dir.resolve("gone.txt") + "'");
    }

    @Test
    void theClassifierMarksEndsWithTheListsSwappedIn() throws Exception {
        Path deny = write("deny.txt", "198.51.100.7\n", 1);
        ReloadingThreatLists lists = start(Map.of("deny", deny.toString()));
        PeerClassifier peers = new PeerClassifier(List.of("10.0.0.0/16"), AwsIpRanges.bundled(), lists.entries());
        assertThat(listsOf(peers, "203.0.113.9")).isEmpty();

        write("deny.txt", "203.0.113.0/24\n", 2);
        lists.refreshIfDue(T0 + REFRESH.toMillis());
        peers.useThreatLists(lists.entries());

        assertThat(listsOf(peers, "203.0.113.9")).containsExactly("deny");
        assertThat(listsOf(peers, "198.51.100.7")).isEmpty();
    }

    private ReloadingThreatLists start(Map<String, String> locations) throws IOException {
        return new ReloadingThreatLists(ThreatLists.load(new java.util.TreeMap<>(locations), counting), counting,
                REFRESH, T0, listener);
    }

    /** Writes a file with a distinct modification time, as a rewrite a second later would have. */
    private Path write(String name, String text, int second) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(T0 + second * 1000L));
        return file;
    }

    private static List<String> listsOf(PeerClassifier peers, String address) {
        dev.flowlens.schemas.FlowEndpoint end = new dev.flowlens.schemas.FlowEndpoint();
        end.address = address;
        peers.classify(end, null);
        return end.threatLists;
    }
}
