package dev.flowlens.bench;

import dev.flowlens.ingest.FlowLogParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Flowlens's parser against FastCSV in records per second of the thread's CPU time, over {@link ParserBenchmark}'s
 * corpus: on a machine shared with other builds, wall-clock throughput (JMH's) mostly measures the other
 * processes' share of the cores, while CPU time counts only this thread's own work. The two variants take turns,
 * three rounds of passes each, and the best and median pass of each are reported.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar dev.flowlens.bench.ParserCpuTime [passes]}.
 */
public final class ParserCpuTime {
    private static final int ROUNDS = 3;
    private static final int WARMUP_PASSES = 20;

    private ParserCpuTime() {}

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] sink = new long[1];
        Consumer<Object> consumer = value -> sink[0] += System.identityHashCode(value) & 1;
        for (String format : new String[] {"v2-default", "v7-custom"}) {
            FlowLogCorpus corpus = "v2-default".equals(format)
                    ? FlowLogCorpus.defaultFormat(ParserBenchmark.LINES, 42)
                    : FlowLogCorpus.customFormat(ParserBenchmark.LINES, 42);
            FlowLogParser parser = new FlowLogParser(corpus.format());
            // a job's parser lives long, and JMH's is old after warm-up: so is this one (it matters: storing young
            // objects into an old one costs G1 write barriers)
            System.gc();
            System.gc();
            long[] flowlens = new long[ROUNDS * passes];
            long[] fastCsv = new long[ROUNDS * passes];
            for (int round = 0; round < ROUNDS; round++) {
                run(threads, round == 0 ? WARMUP_PASSES : 0, passes, flowlens, round * passes,
                        () -> ParserVariants.flowlens(corpus, parser, consumer));
                run(threads, round == 0 ? WARMUP_PASSES : 0, passes, fastCsv, round * passes,
                        () -> ParserVariants.fastCsv(corpus, consumer));
            }
            double flowlensBest = rate(flowlens, 0);
            double fastCsvBest = rate(fastCsv, 0);
            System.out.printf("%-10s flowlens best %,11.0f median %,11.0f | fastcsv best %,11.0f median %,11.0f"
                    + " | ratio of bests %.2f, of medians %.2f (records/s of thread CPU time)%n", format,
                    flowlensBest, rate(flowlens, flowlens.length / 2), fastCsvBest, rate(fastCsv, fastCsv.length / 2),
                    flowlensBest / fastCsvBest, rate(flowlens, flowlens.length / 2) / rate(fastCsv, fastCsv.length / 2));
        }
        if (sink[0] == 42) {
            System.out.println(); // keeps the sink's work observable
        }
    }

    private static void run(ThreadMXBean threads, int warmup, int passes, long[] nanos, int from, Runnable pass) {
        for (int i = 0; i < warmup; i++) {
            pass.run();
        }
        for (int i = 0; i < passes; i++) {
            long before = threads.getCurrentThreadCpuTime();
            pass.run();
            nanos[from + i] = threads.getCurrentThreadCpuTime() - before;
        }
    }

    /** Records per CPU second of the pass of rank {@code rank} (0 is the fastest). */
    private static double rate(long[] nanos, int rank) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return ParserBenchmark.LINES * 1e9 / sorted[rank];
    }
}
