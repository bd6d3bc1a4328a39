package dev.flowlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.ingest.FlowLogParser;
import dev.flowlens.schemas.FlowRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: every variant reads every line of the corpus, and the typed ones agree. */
class ParserVariantsTest {

    @Test
    void everyVariantReadsEveryLineAndTypedVariantsAgree() {
        for (FlowLogCorpus corpus : List.of(FlowLogCorpus.defaultFormat(5000, 7), FlowLogCorpus.customFormat(5000, 7))) {
            List<Object> flowlens = new ArrayList<>();
            List<Object> naive = new ArrayList<>();

            assertThat(ParserVariants.flowlens(corpus, new FlowLogParser(corpus.format()), flowlens::add))
                    .isEqualTo(corpus.lines());
            assertThat(ParserVariants.naive(corpus, naive::add)).isEqualTo(corpus.lines());
            assertThat(ParserVariants.fastCsv(corpus, x -> { })).isEqualTo(corpus.lines());
            assertThat(ParserVariants.byteScan(corpus, x -> { })).isEqualTo(corpus.lines());

            assertThat(flowlens).allMatch(r -> r instanceof FlowRecord);
            assertThat(flowlens).isEqualTo(naive);
        }
    }
}
