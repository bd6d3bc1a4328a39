package dev.flowlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.schemas.TaskIdentity;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The benchmark's fleet is a fair test: the index names every true owner under heavy reuse; the naive join cannot. */
class ChurnedFleetTest {

    @Test
    void indexNamesTheTrueOwnerOfEveryProbeAndTheNaiveJoinMostlyDoesNot() {
        ChurnedFleet fleet = ChurnedFleet.generate(2_000, 10, 50_000, 5);
        AttributionIndex index = fleet.index();
        Map<String, TaskIdentity> naive = fleet.naiveIpMap();
        int naiveRight = 0;
        int owned = 0;
        for (int p = 0; p < fleet.probeTruth.length; p++) {
            Lookup bits = index.lookupIpv4(fleet.probeAddress[p], fleet.probeTime[p]);
            Lookup text = index.lookup(fleet.probeText[p], fleet.probeTime[p]);
            String found = bits.isFound() ? bits.task().taskId : null;
            assertThat(found).as("probe %d", p).isEqualTo(fleet.probeTruth[p]);
            assertThat(text.toString()).isEqualTo(bits.toString());
            naiveRight += Objects.equals(naive.get(fleet.probeText[p]).taskId, fleet.probeTruth[p]) ? 1 : 0;
            owned += fleet.probeTruth[p] != null ? 1 : 0;
        }
        assertThat(owned).isGreaterThan(40_000); // most probes fall inside a hold
        assertThat(naiveRight).isLessThan(fleet.probeTruth.length / 4);
        assertThat(index.intervalCount()).isEqualTo(2 * fleet.tasks.size());
    }
}
