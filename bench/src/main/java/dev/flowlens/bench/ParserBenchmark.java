package dev.flowlens.bench;

import dev.flowlens.ingest.FlowLogParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records per second, single thread, over the same in-memory buffer of {@value #LINES} lines, for the Flowlens
 * parser and three references. Run: {@code java -jar bench/target/benchmarks.jar ParserBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@OperationsPerInvocation(ParserBenchmark.LINES)
public class ParserBenchmark {
    static final int LINES = 100_000;

    @Param({"v2-default", "v7-custom"})
    public String format;

    private FlowLogCorpus corpus;
    private FlowLogParser parser;

    @Setup(Level.Trial)
    public void setUp() {
        corpus = "v2-default".equals(format)
                ? FlowLogCorpus.defaultFormat(LINES, 42)
                : FlowLogCorpus.customFormat(LINES, 42);
        parser = new FlowLogParser(corpus.format());
    }

    @Benchmark
    public int flowlensTypedRecords(Blackhole blackhole) {
        return ParserVariants.flowlens(corpus, parser, blackhole::consume);
    }

    @Benchmark
    public int naiveSplitParseInetAddress(Blackhole blackhole) {
        return ParserVariants.naive(corpus, blackhole::consume);
    }

    @Benchmark
    public int fastCsvSplitOnly(Blackhole blackhole) {
        return ParserVariants.fastCsv(corpus, blackhole::consume);
    }

    @Benchmark
    public int byteScanCeiling(Blackhole blackhole) {
        return ParserVariants.byteScan(corpus, blackhole::consume);
    }
}
