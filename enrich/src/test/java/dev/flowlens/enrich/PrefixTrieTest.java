package dev.flowlens.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.enrich.index.IpKeys;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PrefixTrie;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {

    @Test
    void longestPrefixWins() {
        PrefixTrie<String> trie = new PrefixTrie<>();
        trie.add("10.0.0.0/8", "wide");
        trie.add("10.1.0.0/16", "narrow");
        trie.add("10.1.2.3", "host");
        trie.add("2600:1f18::/32", "v6");

        assertThat(trie.find("10.9.9.9")).isEqualTo("wide");
        assertThat(trie.find("10.1.9.9")).isEqualTo("narrow");
        assertThat(trie.find("10.1.2.3")).isEqualTo("host");
        assertThat(trie.find("11.0.0.1")).isNull();
        assertThat(trie.find("2600:1f18:1::1")).isEqualTo("v6");
        assertThat(trie.find("2600:1f19::1")).isNull();
        assertThat(trie.find("not an address")).isNull();
    }

    @Test
    void matchesABruteForceScanOnRandomPrefixes() {
        Random random = new Random(3);
        PrefixTrie<Integer> trie = new PrefixTrie<>();
        int[] networks = new int[500];
        int[] lengths = new int[500];
        for (int i = 0; i < networks.length; i++) {
            lengths[i] = 8 + random.nextInt(25);
            int mask = lengths[i] == 32 ? -1 : ~(-1 >>> lengths[i]);
            networks[i] = random.nextInt() & mask & 0x0fffffff; // keep them clustered so they overlap
            trie.add(text(networks[i]) + "/" + lengths[i], i);
        }
        for (int probe = 0; probe < 20_000; probe++) {
            int address = random.nextInt() & 0x0fffffff;
            Integer best = null;
            for (int i = 0; i < networks.length; i++) {
                int mask = lengths[i] == 32 ? -1 : ~(-1 >>> lengths[i]);
                if ((address & mask) == networks[i] && (best == null || lengths[i] >= lengths[best])) {
                    best = i; // later adds of the same prefix win, as in the trie
                }
            }
            assertThat(trie.find(text(address))).isEqualTo(best);
        }
    }

    @Test
    void badCidrsAreRejectedClearly() {
        PrefixTrie<String> trie = new PrefixTrie<>();
        assertThatThrownBy(() -> trie.add("10.0.0.0/33", "x")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> trie.add("10.0.0/8", "x")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> trie.add("10.0.0.0/x", "x")).hasMessageContaining("prefix length");
    }

    @Test
    void bundledAwsRangesPreferSpecificServices() {
        AwsIpRanges aws = AwsIpRanges.bundled();
        assertThat(aws.service("52.216.1.2")).isEqualTo("S3");
        assertThat(aws.service("52.94.0.5")).isEqualTo("DYNAMODB");
        assertThat(aws.service("50.16.0.1")).isEqualTo("AMAZON");
        assertThat(aws.service("8.8.8.8")).isNull();
        assertThat(aws.prefixCount()).isGreaterThan(10);
    }

    @Test
    void ipKeysParseLikeTheParserValidates() {
        assertThat(IpKeys.ipv4("255.255.255.255")).isEqualTo(0xffffffffL);
        assertThat(IpKeys.ipv4("0.0.0.0")).isZero();
        assertThat(IpKeys.ipv4("1.2.3")).isEqualTo(IpKeys.NOT_IPV4);
        assertThat(IpKeys.ipv6("::")).containsExactly(0L, 0L);
        assertThat(IpKeys.ipv6("::ffff:10.0.0.1")).containsExactly(0L, 0xffff0a000001L);
        assertThat(IpKeys.ipv6("1::2::3")).isNull();
    }

    private static String text(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }
}
