package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate → attribute → evaluate through the command line, on a small scenario with IP reuse and lost events. */
class GenerateEvaluateTest {
    @TempDir
    Path dir;

    @Test
    void attributionBeatsTheNaiveJoinOnGeneratedData() throws Exception {
        Path scenario = dir.resolve("scenario");
        assertThat(Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "15", "--seed", "7")
                .exitCode()).isZero();
        Path enriched = dir.resolve("enriched.jsonl");
        Cli.Run attribute = Cli.run("", "attribute", "--events",
                scenario.resolve("metadata/events.jsonl").toString(), "--snapshot",
                scenario.resolve("metadata/snapshot.json").toString(), "--vpc-cidr", "10.0.0.0/16", "--threat-list",
                "deny=" + scenario.resolve("deny-list.txt"), scenario.resolve("flowlogs").toString());
        assertThat(attribute.exitCode()).isZero();
        Files.writeString(enriched, attribute.outText());

        assertThat(Cli.run("", "evaluate", "--truth", scenario.toString(), "--enriched", enriched.toString())
                .exitCode()).isZero();

        Cli.Run full = Cli.run(new Cli.FullDisk(100), "", "evaluate", "--truth", scenario.toString(), "--enriched",
                enriched.toString(), "--json", dir.resolve("full.json").toString());
        assertThat(full.exitCode()).isEqualTo(3);
        assertThat(full.errText()).isEqualTo("flowlens evaluate: cannot write to standard output: No space left on"
                + " device\n");
        assertThat(dir.resolve("full.json")).as("no scores from a run that failed").doesNotExist();

        JsonNode scores = new ObjectMapper().readTree(scenario.resolve("evaluation.json").toFile()).path("attribution");
        assertThat(scores.path("missing").asLong()).isZero();
        assertThat(scores.path("unexpected").asLong()).isZero();
        double flowlens = share(scores.path("flowlens"));
        double naive = share(scores.path("naive"));
        assertThat(flowlens).isGreaterThan(0.99);
        assertThat(flowlens).isGreaterThan(naive);
        assertThat(scores.path("flowlens").path("outcomes").path("wrong").asLong()).isZero();
        // under IP reuse the naive join names wrong tasks; Flowlens names none (what it cannot know, it says so)
        JsonNode reused = scores.path("flowlensBySituation").path("reused-ip");
        JsonNode naiveReused = scores.path("naiveBySituation").path("reused-ip");
        assertThat(reused.path("ends").asLong()).isGreaterThan(100);
        assertThat(reused.path("outcomes").path("wrong").asLong()).isZero();
        assertThat(naiveReused.path("outcomes").path("wrong").asLong()).isPositive();
    }

    @Test
    void generateUsageErrorsAreOneLineAndExitTwo() throws Exception {
        Cli.Run minutes = Cli.run("", "generate", "--out", dir.resolve("s").toString(), "--minutes", "ten");
        assertThat(minutes.exitCode()).isEqualTo(2);
        assertThat(minutes.errText()).isEqualTo("flowlens generate: --minutes: expected a whole number, not 'ten'"
                + " (see 'flowlens generate --help')\n");

        Path file = Files.writeString(dir.resolve("a-file"), "mine\n");
        Cli.Run underFile = Cli.run("", "generate", "--out", file.resolve("scenario").toString(), "--minutes", "1");
        assertThat(underFile.exitCode()).isEqualTo(2);
        assertThat(underFile.errText()).isEqualTo("flowlens generate: --out '" + file.resolve("scenario")
                + "': cannot create the directory: '" + file + "' is a file\n");
        assertThat(file).hasContent("mine");
    }

    private static double share(JsonNode counts) {
        return counts.path("outcomes").path("correct").asDouble() / counts.path("ends").asDouble();
    }

}
