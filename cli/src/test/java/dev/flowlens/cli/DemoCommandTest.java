package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens demo} end to end: simulation, the Flink job on an embedded mini-cluster, scoring. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsTheJobAndReportsScores() throws Exception {
        Path out = dir.resolve("flowlens-out");

        Cli.Run run = Cli.run("", "demo", "--out", out.toString(), "--minutes", "5", "--seed", "11");

        assertThat(run.exitCode()).as(run.errText()).isZero();
        assertThat(run.outText()).contains("embedded Flink mini-cluster").contains("naive IP-only join");
        // Flowlens's scores parsed where the line names them: contains("0.00% wrong") also matched "10.00% wrong".
        Matcher scores = Pattern.compile("\\b(\\d+[.,]\\d+)% of ends correct, (\\d+[.,]\\d+)% wrong\\b")
                .matcher(run.outText());
        assertThat(scores.find()).as("a score line in:%n%s", run.outText()).isTrue();
        assertThat(percent(scores.group(2))).as("share of ends wrong").isZero();
        assertThat(percent(scores.group(1))).as("share of ends correct").isGreaterThan(99.0);
        assertThat(out.resolve("scenario/truth/flows.tsv")).exists();
        assertThat(out.resolve(".flowlens-demo")).exists();
        // the groups came from the job's reconciler, reading the local ECS/EC2 endpoint, closed when the demo ended
        Matcher groups = Pattern.compile("groups +(\\d+[.,]\\d+)% of task ends have security groups \\(the job's"
                + " reconciler read (\\d+) tasks from a local ECS/EC2 endpoint at http://([\\d.]+):(\\d+) .*"
                + " (\\d+[.,]\\d+)% wrong").matcher(run.outText());
        assertThat(groups.find()).as("a groups line in:%n%s", run.outText()).isTrue();
        assertThat(percent(groups.group(1))).as("share of task ends with groups").isGreaterThanOrEqualTo(99.9);
        assertThat(Integer.parseInt(groups.group(2))).isPositive();
        assertThat(percent(groups.group(5))).as("share of task ends with wrong groups").isZero();
        assertThat(listening(groups.group(3), Integer.parseInt(groups.group(4)))).as("endpoint closed").isFalse();
        // the detectors ran in the same job: the port scan a minute in is reported, as the alert files say
        Matcher alerts = Pattern.compile("alerts +(\\d+) raised for (\\d+) injected incidents").matcher(run.outText());
        assertThat(alerts.find()).as("an alerts line in:%n%s", run.outText()).isTrue();
        assertThat(run.outText()).containsPattern("port-scan +1 +1 ");
        assertThat(out.resolve("alerts")).isDirectoryContaining(path -> path.getFileName().toString().startsWith("part-"));
        // no dead letters were written, so there is no folder to list
        assertThat(out.resolve("dead-letters")).doesNotExist();
        assertThat(run.outText()).contains("            dead letters: none\n")
                .doesNotContain(out.resolve("dead-letters").toString());

        // a second demo replaces what the first wrote, and only that
        List<Path> firstRun;
        try (Stream<Path> walk = Files.walk(out.resolve("enriched"))) {
            firstRun = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(firstRun).isNotEmpty();
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        Cli.Run again = Cli.run("", "demo", "--out", out.toString(), "--minutes", "2", "--seed", "11");
        assertThat(again.exitCode()).as(again.errText()).isZero();
        assertThat(firstRun).allSatisfy(file -> assertThat(file).doesNotExist()); // part files are named per run
        assertThat(out.resolve("notes.txt")).hasContent("mine");

        // a file the demos did not write, inside a demo's folder, is never removed: the demo refuses instead
        Path users = Files.writeString(out.resolve("enriched/my-own-notes.txt"), "mine\n");
        Cli.Run refused = Cli.run("", "demo", "--out", out.toString(), "--minutes", "2", "--seed", "11");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errText()).isEqualTo("flowlens demo: --out '" + out + "': '" + users + "' was not written"
                + " by the previous demo; move it away, or give a new or empty directory\n");
        assertThat(users).hasContent("mine");
        assertThat(out.resolve("scenario/truth/flows.tsv")).as("nothing removed before refusing").exists();
    }

    /** A directory the demo did not write is never emptied: the demo refuses it and touches nothing. */
    @Test
    void refusesADirectoryItDidNotCreate() throws Exception {
        Path out = dir.resolve("mine");
        Files.createDirectories(out.resolve("enriched"));
        Files.writeString(out.resolve("enriched/my-own-data.jsonl"), "{}\n");

        Cli.Run run = Cli.run("", "demo", "--out", out.toString(), "--minutes", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errText()).isEqualTo("flowlens demo: --out '" + out + "' holds files no demo wrote (no"
                + " .flowlens-demo marker); give a new or empty directory, or an earlier demo's output\n");
        assertThat(out.resolve("enriched/my-own-data.jsonl")).hasContent("{}");
        assertThat(out.resolve(".flowlens-demo")).doesNotExist();
    }

    /** A percentage as printed (the decimal separator is the locale's). */
    private static boolean listening(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket(host, port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static double percent(String printed) {
        return Double.parseDouble(printed.replace(',', '.'));
    }
}
