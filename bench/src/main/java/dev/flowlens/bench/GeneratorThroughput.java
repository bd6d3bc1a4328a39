package dev.flowlens.bench;

import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Records per second of {@code flowlens generate}, one thread, writing to a local directory: plain lines and AWS's
 * gzip S3 layout side by side, each with its ground truth, after a warm-up round. Run:
 * {@code java -cp bench/target/benchmarks.jar dev.flowlens.bench.GeneratorThroughput [minutes]}.
 */
public final class GeneratorThroughput {
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 480;
        SimConfig config = SimConfig.defaults().withDuration(minutes);
        for (int round = 0; round < 3; round++) {
            for (ScenarioWriter.Layout layout : ScenarioWriter.Layout.values()) {
                Path out = Files.createTempDirectory("flowlens-gen-");
                try {
                    long started = System.nanoTime();
                    Simulation simulation = new Simulation(config);
                    long built = System.nanoTime();
                    long records = new ScenarioWriter(simulation, out, layout).write();
                    long done = System.nanoTime();
                    System.out.printf("round %d %-5s %,11d records  %,11.0f records/s writing (%,.0f incl. fleet"
                            + " build)%n", round, layout, records, records / ((done - built) / 1e9),
                            records / ((done - started) / 1e9));
                } finally {
                    try (Stream<Path> files = Files.walk(out)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
    }
}
