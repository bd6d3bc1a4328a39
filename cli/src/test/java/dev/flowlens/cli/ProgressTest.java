package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.EnrichmentCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress lines: redrawn in place on a terminal, and nothing at all anywhere else. */
class ProgressTest {
    @Test
    void onATerminalOneLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), true, "flowlens demo");

        progress.show("generating  40%");
        progress.show("generating 100%");
        progress.clear();

        assertThat(text.toString()).isEqualTo("\rflowlens demo: generating  40%\u001b[K"
                + "\rflowlens demo: generating 100%\u001b[K\r\u001b[K");
    }

    @Test
    void elsewhereNothingIsWritten() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false, "flowlens demo");

        progress.show("generating  40%");
        progress.clear();

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void theJobsLineCountsFlowsAndTheirRateAndTheShareOfAKnownTotal() {
        assertThat(JobProgress.line(new EnrichmentCounts(1_500, 2), 3_000, 0))
                .isEqualTo("running the job: 1,500 flows enriched (500 flows/s), 2 dead letters, 3 s");
        assertThat(JobProgress.line(new EnrichmentCounts(1_500, 0), 3_000, 6_000))
                .isEqualTo("running the job: 1,500 of 6,000 flows enriched (25%, 500 flows/s), 0 dead letters, 3 s");
    }
}
