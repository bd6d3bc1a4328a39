package dev.flowlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any spelling of an IPv6 address is stored as one text: the JDK's parser (no DNS for literals) is the judge of
 * which address a text names, and RFC 5952's rules are checked on the result.
 */
class IpAddressesTest {

    @Property(tries = 3000)
    void everySpellingOfAnAddressIsStoredAsTheSameCanonicalText(@ForAll("groups") int[] groups,
            @ForAll long spellingSeed) throws Exception {
        String spelling = spell(groups, new Random(spellingSeed));

        String stored = canonical(spelling);

        assertThat(stored).as(spelling).isNotNull();
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            // IPv4-mapped IPv6 names an IPv4 host: stored as that IPv4 address
            assertThat(stored).as(spelling).isEqualTo((groups[6] >>> 8) + "." + (groups[6] & 0xff) + "."
                    + (groups[7] >>> 8) + "." + (groups[7] & 0xff));
            assertThat(canonical(spell(groups, new Random(spellingSeed + 1)))).as("another spelling")
                    .isEqualTo(stored);
            assertThat(canonical(stored)).as("a fixed point").isEqualTo(stored);
            return;
        }
        assertThat(canonical(spell(groups, new Random(spellingSeed + 1)))).as("another spelling").isEqualTo(stored);
        assertThat(canonical(stored)).as("a fixed point").isEqualTo(stored);
        assertThat(bytes(InetAddress.getByName(stored))).as(stored).isEqualTo(bytes(groups));
        assertThat(stored).isLowerCase().doesNotContain(":::");
        assertThat(stored.indexOf("::")).isEqualTo(stored.lastIndexOf("::"));
        int written = 0;
        for (String group : stored.split(":")) {
            if (group.contains(".")) {
                written += 2;
            } else if (!group.isEmpty()) {
                written++;
                assertThat(group.length() == 1 || !group.startsWith("0")).as(stored).isTrue();
            }
        }
        // :: stands for the longest run of zero groups, and only for a run of two or more
        int longest = longestZeroRun(groups, stored.contains(".") ? 6 : 8);
        assertThat(8 - written).as(stored).isEqualTo(longest >= 2 ? longest : 0);
    }

    private static int longestZeroRun(int[] groups, int hexGroups) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < hexGroups; i++) {
            run = groups[i] == 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Provide
    Arbitrary<int[]> groups() {
        // mostly zeros and small values, so that runs of zero groups and ties between runs are common
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 0xff)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x100, 0xffff)));
        Arbitrary<int[]> any = group.array(int[].class).ofSize(8);
        Arbitrary<int[]> mapped = Arbitraries.integers().between(0, 0xffff).array(int[].class).ofSize(2)
                .map(low -> new int[] {0, 0, 0, 0, 0, 0xffff, low[0], low[1]});
        return Arbitraries.oneOf(any, mapped);
    }

    /** A valid RFC 4291 spelling: random case, random leading zeros, :: for a random run of zero groups. */
    private static String spell(int[] groups, Random random) {
        int runStart = -1;
        int runEnd = -1;
        List<Integer> zeros = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (groups[i] == 0) {
                zeros.add(i);
            }
        }
        if (!zeros.isEmpty() && random.nextBoolean()) {
            runStart = zeros.get(random.nextInt(zeros.size()));
            runEnd = runStart;
            while (runEnd + 1 < 8 && groups[runEnd + 1] == 0 && random.nextInt(4) > 0) {
                runEnd++;
            }
        }
        boolean dottedTail = random.nextInt(4) == 0 && runEnd < 6;
        int hexGroups = dottedTail ? 6 : 8;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hexGroups; i++) {
            if (i == runStart) {
                text.append("::");
                i = runEnd;
                continue;
            }
            if (i > 0 && i != runEnd + 1) {
                text.append(':');
            }
            String hex = Integer.toHexString(groups[i]);
            hex = "0".repeat(random.nextInt(5 - hex.length())) + hex;
            text.append(random.nextBoolean() ? hex.toUpperCase() : hex);
        }
        if (dottedTail) {
            if (runEnd + 1 != 6) {
                text.append(':');
            }
            text.append(groups[6] >>> 8).append('.').append(groups[6] & 0xff).append('.').append(groups[7] >>> 8)
                    .append('.').append(groups[7] & 0xff);
        }
        return text.toString();
    }

    private static String canonical(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return IpAddresses.canonical(bytes, 0, bytes.length);
    }

    private static byte[] bytes(int[] groups) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >>> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        return bytes;
    }

    /** The 16 bytes of an address; the JDK turns IPv4-mapped text into an {@link Inet4Address}. */
    private static byte[] bytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        }
        return Arrays.copyOf(raw, 16);
    }
}
