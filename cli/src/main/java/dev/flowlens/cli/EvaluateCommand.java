package dev.flowlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.sim.AlertScorer;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens evaluate}: scores enriched flows against a generated scenario's ground truth. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
            "Score enriched flows (JSON lines from 'flowlens attribute') against the ground truth written by"
                    + " 'flowlens generate', per end of every flow, next to the naive IP-only join on the same data.",
            "Prints a table and writes the numbers as JSON."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "DIR", description = "The 'flowlens generate' output.")
    Path truth;

    @Option(names = "--enriched", required = true, paramLabel = "PATH",
            description = "Enriched flows: a JSON-lines file, or a directory of them.")
    Path enriched;

    @Option(names = "--alerts", paramLabel = "FILE",
            description = "Alerts as JSON lines (the alert JSON of schemas/alert.md) to score against the injected"
                    + " incidents: recall and precision per kind.")
    Path alerts;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where to write the scores as JSON (default: evaluation.json under --truth).")
    Path jsonOut;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(truth.resolve("truth/flows.tsv"))) {
            throw new Flowlens.UsageException("--truth '" + truth + "' holds no truth/flows.tsv");
        }
        if (!Files.exists(enriched)) {
            throw new Flowlens.UsageException("--enriched '" + enriched + "': no such file or directory");
        }
        List<Path> files = Inputs.files(enriched);
        Evaluation evaluation;
        Progress progress = Progress.of(spec);
        progress.show("scoring against the truth");
        try {
            evaluation = new Evaluator().evaluate(truth, files);
        } catch (Evaluator.InvalidInputException e) {
            throw new Flowlens.UsageException(e.getMessage());
        } finally {
            progress.clear();
        }
        if (evaluation.records == evaluation.missing) { // nothing to score: say why rather than print zeros
            throw new Flowlens.UsageException(evaluation.unexpected == 0
                    ? "--enriched '" + enriched + "' holds no enriched flows"
                    : String.format("none of the %,d enriched flows in '", evaluation.unexpected) + enriched
                            + "' is a record of the truth in '" + truth + "': were they made from another scenario"
                            + " or seed?");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d records (%,d ends); %,d without an enriched flow, %,d enriched flows without truth%n%n",
                evaluation.records, evaluation.records * 2, evaluation.missing, evaluation.unexpected);
        // cross-account: ends given to a task of another account than the truth's (a part of wrong)
        out.printf("%-28s %10s %9s %9s %13s %13s%n", "join", "ends", "correct", "wrong", "unattributed",
                "cross-account");
        row(out, "flowlens (IP x time)", evaluation.flowlens);
        row(out, "naive IP-only join", evaluation.naive);
        Evaluation.Counts groups = evaluation.securityGroups;
        out.printf("%nsecurity groups per end whose true owner is a task: %,d ends, %.2f%% correct, %.2f%% wrong,"
                + " %.2f%% unknown; %.2f%% of the ends with a task have groups%n", groups.ends,
                groups.share(groups.correct()), groups.share(groups.wrong()),
                groups.share(groups.outcomes.getOrDefault("unknown", 0L)), evaluation.groupsKnownShare());
        out.printf("%nflowlens unattributed ends by reason:%n");
        for (Map.Entry<String, Long> outcome : evaluation.flowlens.outcomes.entrySet()) {
            if (outcome.getKey().startsWith("unattributed")) {
                out.printf("  %-40s %,10d%n", outcome.getKey(), outcome.getValue());
            }
        }
        out.printf("%nby situation (flowlens | naive), correct share of ends:%n");
        for (Map.Entry<String, Evaluation.Counts> situation : evaluation.flowlensBySituation.entrySet()) {
            Evaluation.Counts naive = evaluation.naiveBySituation.get(situation.getKey());
            out.printf("  %-28s %,9d ends  %6.2f%% | %6.2f%%%n", situation.getKey(), situation.getValue().ends,
                    situation.getValue().share(situation.getValue().correct()), naive.share(naive.correct()));
        }
        Map<String, AlertScorer.KindScore> detection = null;
        if (alerts != null) {
            if (!Files.isRegularFile(alerts)) {
                throw new Flowlens.UsageException("--alerts '" + alerts + "': no such file");
            }
            detection = new LinkedHashMap<>(); // by wire name, as the alerts and the truth name kinds
            for (Map.Entry<AlertKind, AlertScorer.KindScore> kind
                    : new AlertScorer().score(AlertScorer.incidents(truth), alerts).entrySet()) {
                detection.put(kind.getKey().wireName(), kind.getValue());
            }
            // incidents and detected count the kind's own incidents; true alerts also those of incidents that imply it
            out.printf("%ndetection per kind:%n  %-26s %9s %9s %8s %9s %9s %10s%n", "kind", "incidents", "detected",
                    "recall", "alerts", "true", "precision");
            for (Map.Entry<String, AlertScorer.KindScore> kind : detection.entrySet()) {
                AlertScorer.KindScore score = kind.getValue();
                out.printf("  %-26s %9d %9d %7.0f%% %9d %9d %9.0f%%%n", kind.getKey(), score.incidents,
                        score.detected, 100 * score.recall(), score.alerts, score.trueAlerts,
                        100 * score.precision());
            }
        }
        out.flush();
        Path target = jsonOut != null ? jsonOut : truth.resolve("evaluation.json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("attribution", evaluation);
        if (detection != null) {
            document.put("detection", detection);
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(target.toFile(), document);
        spec.commandLine().getErr().printf("flowlens evaluate: scores written to %s%n", target);
        spec.commandLine().getErr().flush();
        return 0;
    }

    private static void row(PrintWriter out, String name, Evaluation.Counts counts) {
        out.printf("%-28s %,10d %8.2f%% %8.2f%% %12.2f%% %,13d%n", name, counts.ends,
                counts.share(counts.correct()), counts.share(counts.wrong()), counts.share(counts.unattributed()),
                counts.crossAccount);
    }
}
