package dev.flowlens.cli;

import dev.flowlens.report.CapacityFormat;
import dev.flowlens.report.CapacityInputs;
import dev.flowlens.report.CapacityReport;
import dev.flowlens.report.CapacityRows;
import dev.flowlens.report.Period;
import dev.flowlens.report.ReportFile;
import dev.flowlens.report.TrunkingLimits;
import dev.flowlens.schemas.usage.InstanceEniDensity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens report capacity}: subnet address headroom and ENI density per container instance over a period. */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The awsvpc planning questions over a period: per task subnet, the addresses in use over time against"
                    + " its usable size, the peak, and the days to exhaustion at the trend of the hourly peaks; per"
                    + " container instance, the peak of concurrent awsvpc tasks against the ENI limit without"
                    + " trunking and the branch-ENI limit with it, the peak CPU and memory reserved, and whether ENIs"
                    + " rather than CPU or memory bounded it.",
            "Reads the ECS Task State Change events and the AWS CLI exports (describe-network-interfaces,"
                    + " describe-subnets, describe-container-instances, describe-instance-types), each given alone"
                    + " or all from --metadata DIR, as 'flowlens generate' and 'flowlens demo' write them; branch-ENI"
                    + " limits come from the ECS trunking table shipped with Flowlens.",
            "Writes a self-contained HTML page with charts, or the SubnetCapacity or InstanceEniDensity rows of"
                    + " schemas/usage.md as CSV (--table) or both as JSON.",
            "Exit codes: 0 done, 2 usage error or an export that cannot be read, 3 the report could not be written."})
final class ReportCapacityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--metadata", paramLabel = "DIR",
            description = "A folder holding events.jsonl, network-interfaces.json, subnets.json,"
                    + " container-instances.json and instance-types.json (the 'metadata' folder 'flowlens generate'"
                    + " writes); the options below replace single files of it.")
    Path metadata;

    @Option(names = "--events", paramLabel = "FILE",
            description = "ECS Task State Change events (EventBridge JSON): one per line, or a JSON array.")
    Path events;

    @Option(names = "--network-interfaces", paramLabel = "FILE",
            description = "'aws ec2 describe-network-interfaces' output: the other ENIs in the task subnets (load"
                    + " balancers, NAT gateways, endpoints, trunk ENIs) also hold addresses.")
    Path networkInterfaces;

    @Option(names = "--subnets", paramLabel = "FILE",
            description = "'aws ec2 describe-subnets' output: each subnet's CIDR and available addresses.")
    Path subnets;

    @Option(names = "--container-instances", paramLabel = "FILE",
            description = "'aws ecs describe-container-instances' output: each instance's type, trunk ENI and"
                    + " registered CPU and memory.")
    Path containerInstances;

    @Option(names = "--instance-types", paramLabel = "FILE",
            description = "'aws ec2 describe-instance-types' output for the instances' types: their ENI limits.")
    Path instanceTypes;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Period start, inclusive: a UTC date (2026-05-01), date-time (2026-05-01T10:00) or"
                    + " instant (2026-05-01T10:00:00Z). Default: the hour of the first event.")
    String from;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Period end, exclusive, in the same forms. Default: just after the last event, where the"
                    + " history ends.")
    String until;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html (page with charts), csv (one table, see --table) or json (both tables)."
                    + " Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "subnets",
            description = "The table a CSV holds: subnets (SubnetCapacity) or instances (InstanceEniDensity)."
                    + " Default: ${DEFAULT-VALUE}.")
    String table;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the report (default: standard output). An existing file is replaced"
                    + " only when it is a report of the same format this command wrote; any other is left alone.")
    Path out;

    @Override
    public Integer call() throws IOException {
        CapacityFormat form = format();
        CapacityRows.Table rows = table();
        if (form != CapacityFormat.CSV && spec.commandLine().getParseResult().hasMatchedOption("--table")) {
            throw new Flowlens.UsageException("--table chooses the table of a CSV: give --format csv (html and json"
                    + " hold both tables)");
        }
        Path eventsFile = input("--events", events, "events.jsonl");
        Path enisFile = input("--network-interfaces", networkInterfaces, "network-interfaces.json");
        Path subnetsFile = input("--subnets", subnets, "subnets.json");
        Path instancesFile = input("--container-instances", containerInstances, "container-instances.json");
        Path typesFile = input("--instance-types", instanceTypes, "instance-types.json");
        if (out != null) {
            String refusal = ReportFile.refusal(out, form.optionName(), "capacity", form::wrote);
            if (refusal != null) {
                throw new Flowlens.UsageException("--out " + refusal);
            }
        }
        CapacityReport report;
        try {
            CapacityInputs inputs = CapacityInputs.read(eventsFile, enisFile, subnetsFile, instancesFile, typesFile);
            report = CapacityReport.compute(inputs, period(inputs), TrunkingLimits.shipped());
        } catch (CapacityInputs.InvalidExportException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
        ReportOptions.write(out, spec.commandLine().getOut(), writer -> form.write(report, rows, writer));
        summary(report);
        return 0;
    }

    private Path input(String option, Path given, String inMetadata) {
        Path file = given != null ? given : metadata != null ? metadata.resolve(inMetadata) : null;
        if (file == null) {
            throw new Flowlens.UsageException(option + " is required (or --metadata DIR holding " + inMetadata + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new Flowlens.UsageException((given != null ? option : "--metadata") + ": '" + file + "' is not a"
                    + " file" + (given != null ? "" : ": export it there, or give " + option + " FILE"));
        }
        return file;
    }

    private CapacityFormat format() {
        return ReportOptions.choice("--format", format, CapacityFormat.values(), CapacityFormat::optionName);
    }

    private CapacityRows.Table table() {
        return ReportOptions.choice("--table", table, CapacityRows.Table.values(), CapacityRows.Table::optionName);
    }

    private Period period(CapacityInputs inputs) {
        return ReportOptions.period(from, until, () -> inputs.firstEventTime == null ? null
                        : new Period(inputs.firstEventTime - Math.floorMod(inputs.firstEventTime, 3600L),
                                inputs.lastEventTime + 1),
                "--events holds no ECS Task State Change event with a time: give --from and --until");
    }

    /** One line on stderr: what was counted, so a run with nothing in it is not silent. */
    private void summary(CapacityReport report) {
        long bound = report.instances().stream().filter(InstanceEniDensity::eniBound).count();
        CapacityReport.Coverage c = report.coverage();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("flowlens report capacity: %s: %,d tasks (%,d awsvpc), %,d other ENIs; %,d subnets, %,d container"
                + " instances (%,d ENI-bound); left out: %,d tasks in unlisted subnets, %,d on unlisted instances%s%n",
                report.period(), c.tasks(), c.awsvpcTasks(), c.otherEnis(), report.subnets().size(),
                report.instances().size(), bound, c.tasksInUnknownSubnets(), c.tasksOnUnknownInstances(),
                out == null ? "" : "; written to " + out);
        err.flush();
    }
}
