package dev.flowlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.SimConfigFile;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = "--config", paramLabel = "FILE",
            description = "A scenario file (JSON; keys in the README). Options given here override it.")
    Path configFile;

    @Option(names = "--seed", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--minutes", description = "Simulated time in minutes (default 30).")
    Integer minutes;

    @Option(names = "--services", description = "ECS services (default 12).")
    Integer services;

    @Option(names = "--format", description = "Flow-log format: v2 (AWS default), v5, v7 or v11 (default v2).")
    String format;

    @Option(names = "--window", description = "Aggregation window in seconds, 60 or 600 (default 60).")
    Integer window;

    @Option(names = "--layout", defaultValue = "s3",
            description = "s3 (AWS's object layout, gzip, header lines), cloudwatch (CloudWatch Logs subscription"
                    + " payloads, gzip JSON, no header) or lines (one plain file) (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--no-incidents", description = "Do not inject incidents.")
    boolean noIncidents;

    @Option(names = "--incidents", paramLabel = "SET",
            description = "Which incidents to inject: base (one of each kind, as always), variants (the catalogue's"
                    + " other rates, ports, peers and spreads; needs --minutes 240 or more) or all (default base).")
    String incidentSet;

    @Option(names = "--accounts", paramLabel = "N",
            description = "AWS accounts (default 1): each with its own VPC of the same CIDR (10.0.0.0/16) and its own"
                    + " fleet, its records carrying account-id and vpc-id (v2 becomes v5).")
    Integer accounts;

    @Override
    public Integer call() throws IOException {
        SimConfig config;
        try {
            ObjectNode overrides = new ObjectMapper().createObjectNode();
            if (seed != null) {
                overrides.put("seed", seed);
            }
            if (minutes != null) {
                overrides.put("duration-minutes", minutes);
            }
            if (services != null) {
                overrides.put("services", services);
            }
            if (format != null) {
                overrides.put("format", format);
            }
            if (window != null) {
                overrides.put("window-seconds", window);
            }
            if (noIncidents) {
                overrides.put("incidents", false);
            }
            if (incidentSet != null) {
                overrides.put("incident-set", incidentSet);
            }
            if (accounts != null) {
                overrides.put("accounts", accounts);
            }
            SimConfig base = configFile == null ? SimConfig.defaults() : SimConfigFile.read(configFile);
            config = SimConfigFile.apply(base, overrides);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException((configFile == null ? "" : configFile + ": ")
                    + e.getMessage().replace("incident-set: ", "--incidents: ")
                    .replace("accounts must", "--accounts must"));
        } catch (IOException e) {
            throw new Flowlens.UsageException("--config: cannot read '" + configFile + "': " + e.getMessage());
        }
        ScenarioWriter.Layout chosen;
        switch (layout) {
            case "s3": chosen = ScenarioWriter.Layout.S3; break;
            case "lines": chosen = ScenarioWriter.Layout.LINES; break;
            case "cloudwatch": chosen = ScenarioWriter.Layout.CLOUDWATCH; break;
            default: throw new Flowlens.UsageException("--layout must be s3, cloudwatch or lines");
        }
        Outputs.directory("--out", out);
        long started = System.nanoTime();
        Simulation simulation = new Simulation(config);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.of(spec);
        long records = new ScenarioWriter(simulation, out, chosen).onProgress(progress.percent("writing")).write();
        progress.clear();
        double seconds = (System.nanoTime() - started) / 1e9;
        for (String leftOut : simulation.leftOut()) { // a seed whose tasks did not live long enough for one
            err.printf("flowlens generate: incident left out: %s%n", leftOut);
        }
        err.printf("flowlens generate: %,d records, %d incidents, in %.1f s (%,.0f records/s) -> %s%n", records,
                simulation.incidents().size(), seconds, records / seconds, out);
        err.flush();
        return 0;
    }
}
