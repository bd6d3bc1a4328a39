package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --accounts 3} → {@code attribute} (with the three accounts' exports) → {@code evaluate}: the
 * evaluation shows a cross-account column, zero for Flowlens and many ends for the naive IP-only join.
 */
class GenerateAccountsEvaluateTest {
    @TempDir
    Path dir;

    @Test
    void evaluateShowsCrossAccountEndsOfBothJoins() throws Exception {
        Path scenario = dir.resolve("scenario");
        Cli.Run generate = Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "15", "--seed", "7",
                "--accounts", "3");
        assertThat(generate.exitCode()).as(generate.errText()).isZero();
        Cli.Run attribute = Cli.run("", "attribute", "--events",
                scenario.resolve("metadata/events.jsonl").toString(), "--snapshot",
                scenario.resolve("metadata/snapshot.json").toString(), "--network-interfaces",
                scenario.resolve("metadata/network-interfaces.json").toString(), "--services",
                scenario.resolve("metadata/services.json").toString(), "--vpc-cidr", "10.0.0.0/16",
                scenario.resolve("flowlogs").toString());
        assertThat(attribute.exitCode()).as(attribute.errText()).isZero();
        Path enriched = Files.writeString(dir.resolve("enriched.jsonl"), attribute.outText());

        Cli.Run evaluate = Cli.run("", "evaluate", "--truth", scenario.toString(), "--enriched", enriched.toString());

        assertThat(evaluate.exitCode()).as(evaluate.errText()).isZero();
        assertThat(evaluate.outText()).containsPattern("join +ends +correct +wrong +unattributed +cross-account\n")
                .containsPattern("flowlens \\(IP x time\\) +[0-9,]+ +[0-9.]+% +0\\.00% +[0-9.]+% +0\n");
        JsonNode scores = new ObjectMapper().readTree(scenario.resolve("evaluation.json").toFile()).path("attribution");
        assertThat(scores.path("missing").asLong()).isZero();
        assertThat(scores.path("flowlens").path("crossAccount").asLong()).isZero();
        long naive = scores.path("naive").path("crossAccount").asLong();
        assertThat(naive).isGreaterThan(1000);
        assertThat(evaluate.outText()).containsPattern("naive IP-only join +[0-9,]+ +[0-9.]+% +[0-9.]+% +[0-9.]+% +"
                + String.format("%,d", naive) + "\n");
    }

    @Test
    void accountsMustBePositive() {
        Cli.Run generate = Cli.run("", "generate", "--out", dir.resolve("s").toString(), "--accounts", "0");
        assertThat(generate.exitCode()).isEqualTo(2);
        assertThat(generate.errText()).contains("--accounts must be between 1 and 100");
    }
}
