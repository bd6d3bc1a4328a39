package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheUsEast1ListPricesWithTheirDateAndSource() {
        Prices prices = Prices.defaults();
        assertThat(prices.region).isEqualTo("us-east-1");
        assertThat(prices.asOf).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(prices.source).contains("pricing");
        assertThat(prices.crossAzPerGb).isEqualTo(0.01);
        assertThat(prices.natGatewayProcessingPerGb).isEqualTo(0.045);
        assertThat(prices.interfaceEndpointProcessingPerGb).isEqualTo(0.01);
        assertThat(prices.internetEgressTiers).extracting(t -> t.perGb).containsExactly(0.09, 0.085, 0.07, 0.05);
    }

    @Test
    void internetEgressGoesThroughTheTiers() {
        Prices prices = Prices.defaults();
        assertThat(prices.internetEgressCost(0)).isZero();
        assertThat(prices.internetEgressCost(100)).isCloseTo(100 * 0.09, within());
        // 20 TB: the first 10 TB at 0.09, the next 10 at 0.085
        assertThat(prices.internetEgressCost(20 * 1024)).isCloseTo(10240 * 0.09 + 10240 * 0.085, within());
        // 200 TB: every tier
        assertThat(prices.internetEgressCost(200 * 1024)).isCloseTo(
                10240 * 0.09 + 40960 * 0.085 + 102400 * 0.07 + (204800 - 153600) * 0.05, within());
    }

    @Test
    void aYamlFileOverridesTheKeysItNames() throws Exception {
        Path file = Files.writeString(dir.resolve("prices.yaml"), "region: eu-west-1\ncross-az-per-gb: 0.02\n");
        Prices prices = Prices.load(file);
        assertThat(prices.region).isEqualTo("eu-west-1");
        assertThat(prices.crossAzPerGb).isEqualTo(0.02);
        assertThat(prices.natGatewayProcessingPerGb).isEqualTo(0.045);
        assertThat(prices.internetEgressTiers).hasSize(4);
    }

    @Test
    void aJsonFileWorksTooAndItsTiersReplaceTheDefaultOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("prices.json"),
                "{\"internet-egress-tiers\": [{\"up-to-gb\": 100, \"per-gb\": 0.2}, {\"per-gb\": 0.1}]}");
        Prices prices = Prices.load(file);
        assertThat(prices.internetEgressTiers).extracting(t -> t.perGb).containsExactly(0.2, 0.1);
        assertThat(prices.internetEgressCost(150)).isCloseTo(100 * 0.2 + 50 * 0.1, within());
    }

    @Test
    void badFilesAreNamedInOneSentence() throws Exception {
        assertThatThrownBy(() -> Prices.load(dir.resolve("missing.yaml")))
                .hasMessage("--prices '" + dir.resolve("missing.yaml") + "': no such file");
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "cross-az: 0.01\n");
        assertThatThrownBy(() -> Prices.load(unknown)).isInstanceOf(Prices.InvalidPricesException.class)
                .hasMessageContaining("unknown key 'cross-az'").hasMessageContaining("cross-az-per-gb");
        Path negative = Files.writeString(dir.resolve("negative.yaml"), "nat-gateway-processing-per-gb: -1\n");
        assertThatThrownBy(() -> Prices.load(negative))
                .hasMessageContaining("nat-gateway-processing-per-gb is -1.0");
        Path unbounded = Files.writeString(dir.resolve("tiers.yaml"),
                "internet-egress-tiers:\n  - per-gb: 0.09\n  - per-gb: 0.05\n");
        assertThatThrownBy(() -> Prices.load(unbounded))
                .hasMessageContaining("internet-egress-tiers[0] needs up-to-gb");
        Path text = Files.writeString(dir.resolve("text.yaml"), "cross-az-per-gb: cheap\n");
        assertThatThrownBy(() -> Prices.load(text)).isInstanceOf(Prices.InvalidPricesException.class)
                .hasMessageContaining("line 1").hasMessageNotContaining("\n");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThatThrownBy(() -> Prices.load(empty)).hasMessageContaining("is empty");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
