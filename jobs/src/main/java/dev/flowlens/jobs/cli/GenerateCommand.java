package dev.flowlens.jobs.cli;

import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens generate}: a simulated ECS fleet's flow logs, metadata and ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Simulate an ECS account (services, churn, IP reuse, trunked and standalone tasks, injected incidents)"
                    + " and write its VPC flow logs, ECS metadata and ground truth under --out.",
            "Deterministic for a given --seed."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--minutes", defaultValue = "30", description = "Simulated time (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--services", defaultValue = "12", description = "ECS services (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--format", defaultValue = "v2",
            description = "Flow-log format: v2 (AWS default), v5 or v7 (custom formats) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--window", defaultValue = "60",
            description = "Aggregation window in seconds, 60 or 600 (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--layout", defaultValue = "s3",
            description = "s3 (AWS's object layout, gzip, header lines) or lines (one plain file) (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--no-incidents", description = "Do not inject incidents.")
    boolean noIncidents;

    @Override
    public Integer call() throws IOException {
        SimConfig defaults = SimConfig.defaults();
        SimConfig config;
        try {
            config = new SimConfig(seed, defaults.accountId(), defaults.region(), defaults.start(), minutes, services,
                    defaults.minTasks(), defaults.maxTasks(), defaults.trunkedShare(), defaults.standaloneTasks(),
                    defaults.subnetPrefix(), defaults.reuseCooldownSeconds(), window, format,
                    defaults.deploymentsPerHour(), defaults.crashesPerHour(), defaults.eventDelaySeconds(),
                    defaults.eventDuplicateRate(), defaults.eventLossRate(), !noIncidents);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
        ScenarioWriter.Layout chosen;
        switch (layout) {
            case "s3": chosen = ScenarioWriter.Layout.S3; break;
            case "lines": chosen = ScenarioWriter.Layout.LINES; break;
            default: throw new Flowlens.UsageException("--layout must be s3 or lines");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Flowlens.UsageException("--out '" + out + "' is not a directory");
        }
        long started = System.nanoTime();
        Simulation simulation = new Simulation(config);
        long records = new ScenarioWriter(simulation, out, chosen).write();
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter err = spec.commandLine().getErr();
        err.printf("flowlens generate: %,d records, %d incidents, in %.1f s (%,.0f records/s) -> %s%n", records,
                simulation.incidents().size(), seconds, records / seconds, out);
        err.flush();
        return 0;
    }
}
