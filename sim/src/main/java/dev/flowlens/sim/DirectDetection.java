package dev.flowlens.sim;

import dev.flowlens.detect.Detection;
import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.detect.UnknownWorkloadDetector;
import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.detect.ServiceState;
import dev.flowlens.detect.TaskFlow;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.json.AlertJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The detectors run on a scenario by the plain-Java path, as the bounded job runs them: the scenario attributed by
 * {@link DirectAttribution}, each service's flows through {@link Detection} in time order with its clock a minute's
 * tick behind the newest flow, and the alerts scored by {@link AlertScorer}. Fast enough to score many seeds;
 * {@link #main} prints the per-kind table summed over them.
 */
public final class DirectDetection {
    /** How far behind the newest flow the clock runs, as {@code detection.lateness} does in the job. */
    private static final long LATENESS = Duration.ofMinutes(2).toSeconds();

    private DirectDetection() {}

    /** The result of one scenario: its scores and how many incidents (alert ids) were opened. */
    public record Run(Map<AlertKind, AlertScorer.KindScore> scores, long alerts) {}

    /**
     * The settings a user of this account would give: {@code base} with the task subnets and, as known workloads,
     * the addresses of the ENIs in the account's network-interfaces export.
     */
    public static DetectionSettings forAccount(DetectionSettings base, Simulation sim, Path scenario)
            throws IOException {
        UnknownWorkloadDetector.Settings unknown = base.unknownWorkload();
        List<String> known = new ArrayList<>(unknown.allow());
        known.addAll(AccountExports.read(scenario.resolve("metadata/network-interfaces.json"), null)
                .interfaceAddresses());
        return base.withUnknownWorkload(new UnknownWorkloadDetector.Settings(sim.taskSubnets(), known,
                unknown.flows(), unknown.window(), unknown.quiet()));
    }

    /** Generates, attributes and runs detection on one scenario under {@code dir}; the alerts go to alerts.jsonl. */
    public static Run run(SimConfig config, DetectionSettings base, Path dir) throws IOException {
        Simulation sim = new Simulation(config);
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(sim, scenario, ScenarioWriter.Layout.LINES).write();
        DetectionSettings settings = forAccount(base, sim, scenario);
        Path alertsFile = dir.resolve("alerts.jsonl");
        Files.createDirectories(dir);
        long[] opened = {0};
        try (BufferedWriter writer = Files.newBufferedWriter(alertsFile, StandardCharsets.UTF_8)) {
            Consumer<Alert> out = alert -> {
                opened[0] += alert.status == AlertStatus.OPEN ? 1 : 0;
                try {
                    writer.write(AlertJson.toJson(alert));
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            Detection detection = new Detection(settings);
            Map<String, ServiceState> services = new HashMap<>();
            long[] clock = {Long.MIN_VALUE};
            DirectAttribution.attribute(sim, scenario, flow -> {
                for (TaskFlow side : TaskFlow.sides(flow)) {
                    long now = side.time() - LATENESS;
                    if (now / 60 > clock[0] / 60) {
                        clock[0] = now;
                        services.values().forEach(state -> detection.onTime(state, now, out));
                    }
                    detection.onFlow(services.computeIfAbsent(side.serviceKey, key -> new ServiceState()), side,
                            out);
                }
            });
            long end = clock[0] + settings.serviceTtl().toSeconds();
            services.values().forEach(state -> detection.onTime(state, end, out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Run(new AlertScorer().score(sim.incidents(), alertsFile), opened[0]);
    }

    /**
     * {@code DirectDetection FIRST LAST [MINUTES [base|variants|all|no-incidents [WARM-UP-MINUTES]]]}: scores seeds
     * FIRST..LAST of the default scenario lasting MINUTES (default 240) with that incident set (default all) and the
     * default settings (or that warm-up), printing the incidents opened for each seed and the per-kind table over all.
     */
    public static void main(String[] args) throws IOException {
        long first = Long.parseLong(args[0]);
        long last = Long.parseLong(args[1]);
        int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 240;
        String set = args.length > 3 ? args[3] : "all";
        DetectionSettings settings = args.length > 4
                ? DetectionSettings.defaults().withWarmUp(Duration.ofMinutes(Long.parseLong(args[4])))
                : DetectionSettings.defaults();
        Path dir = Files.createTempDirectory("flowlens-detect");
        Map<AlertKind, AlertScorer.KindScore> totals = new EnumMap<>(AlertKind.class);
        System.out.println("seed\tincidents-opened");
        for (long seed = first; seed <= last; seed++) {
            SimConfig config = SimConfig.defaults().withSeed(seed).withDuration(minutes);
            config = set.equals("no-incidents") ? config.withoutIncidents()
                    : config.withIncidentSet(IncidentSet.fromWireName(set));
            Run run = run(config, settings, dir.resolve("seed-" + seed));
            System.out.println(seed + "\t" + run.alerts());
            run.scores().forEach((kind, score) -> {
                AlertScorer.KindScore total = totals.computeIfAbsent(kind, k -> new AlertScorer.KindScore());
                total.incidents += score.incidents;
                total.detected += score.detected;
                total.alerts += score.alerts;
                total.trueAlerts += score.trueAlerts;
            });
        }
        System.out.println("kind\tincidents\tdetected\trecall\talerts\ttrue\tprecision");
        totals.forEach((kind, s) -> System.out.printf("%s\t%d\t%d\t%.3f\t%d\t%d\t%.3f%n", kind.wireName(),
                s.incidents, s.detected, s.recall(), s.alerts, s.trueAlerts, s.precision()));
    }
}
