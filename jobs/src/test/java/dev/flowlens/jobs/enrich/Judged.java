package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The streaming tests' judge: enriched output against the scenario's truth, and the record that ends a test. */
final class Judged {
    /** A quiet interface id for {@link #clockRecord}: its flow is no scenario flow. */
    private static final String CLOCK = "eni-clock";

    private Judged() {}

    /**
     * A valid record between two internet addresses, far later than a scenario: it moves the flows' event time past
     * the hold-back of the scenario's last flows (event time moves only with data).
     */
    static String clockRecord(long start) {
        return "2 123456789012 " + CLOCK + " 198.51.100.7 198.51.100.8 443 50000 6 1 40 " + start + " " + (start + 60)
                + " ACCEPT OK\n";
    }

    static byte[] clockRecordBytes(long start) {
        return clockRecord(start).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Asserts that the enriched JSON lines (and the clock record) hold every scenario flow exactly once and attribute
     * no end wrongly; returns the evaluation for more.
     */
    static Evaluation everyFlowOnceNoneWrong(Path scenario, List<String> enriched, Path work) throws Exception {
        assertThat(enriched).filteredOn(flow -> flow.contains(CLOCK)).hasSize(1);
        Path file = Files.write(work.resolve("enriched-without-clock.jsonl"),
                enriched.stream().filter(flow -> !flow.contains(CLOCK)).toList());
        Evaluation evaluation = new Evaluator().evaluate(scenario, List.of(file));
        assertThat(evaluation.missing).as("flows missing").isZero();
        assertThat(evaluation.unexpected).as("flows duplicated or unknown").isZero();
        assertThat(evaluation.flowlens.wrong()).as("wrong ends by situation: %s", evaluation.flowlensBySituation
                .entrySet().stream().filter(e -> e.getValue().wrong() > 0)
                .map(e -> e.getKey() + "=" + e.getValue().outcomes).toList()).isZero();
        return evaluation;
    }
}
