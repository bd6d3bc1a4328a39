package dev.flowlens.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.enrich.FlowAttributor;
import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.enrich.aws.EcsReconciler;
import dev.flowlens.enrich.aws.ReconcileStatus;
import dev.flowlens.enrich.aws.ReconcilerSettings;
import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.enrich.peer.AwsIpRanges;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.enrich.peer.ThreatLists;
import dev.flowlens.ingest.FlowLogFiles;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.ingest.InvalidFormatException;
import dev.flowlens.ingest.ReadStats;
import dev.flowlens.ingest.ReaderLimits;
import dev.flowlens.ingest.RecordConsumer;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.DeadLetterReason;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code flowlens attribute}: ECS task state change events and flow logs in, one enriched flow per record out. The
 * batch form of the streaming enrichment, for checking what Flowlens says about a given set of flows.
 */
@Command(name = "attribute", mixinStandardHelpOptions = true,
        description = {
            "Build the task index from ECS Task State Change events, then attribute both ends of every flow-log"
                    + " record and print one enriched flow per record as JSON on stdout (see schemas/enriched-flow.md).",
            "Bad events and bad flow-log lines go to stderr as JSON dead letters.",
            "Exit codes: 0 all input used, 1 some input was dead-lettered, 2 usage error,"
                    + " 3 an output could not be written."})
final class AttributeCommand implements Callable<Integer> {
    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "ECS Task State Change events (EventBridge JSON): one per line, or a JSON array.")
    Path events;

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "DescribeTasks output (JSON with a 'tasks' array) to start the index from, as a"
                    + " reconciliation would: covers tasks whose events were lost.")
    Path snapshot;

    @Option(names = "--network-interfaces", paramLabel = "FILE",
            description = "'aws ec2 describe-network-interfaces' output: each task ENI's security groups")
    Path networkInterfaces;

    @Option(names = "--services", paramLabel = "FILE",
            description = "'aws ecs describe-services' output: each service's awsvpc security groups, for tasks"
                    + " whose ENI is not described")
    Path services;

    @Option(names = "--reconcile",
            description = "Before the flows, read the account's current state once from the ECS and EC2 APIs (the"
                    + " tasks running and those stopped within the hour, their ENIs' security groups), as"
                    + " metadata.reconcile.once does in a job; tasks ECS no longer lists are closed where last seen."
                    + " Credentials come from the AWS SDK's default chain.")
    boolean reconcile;

    @Option(names = "--aws-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region of the ECS and EC2 clients of --reconcile (default: ${DEFAULT-VALUE}).")
    String awsRegion;

    @Option(names = "--ecs-endpoint", paramLabel = "URL",
            description = "ECS endpoint override for --reconcile (default: AWS's).")
    URI ecsEndpoint;

    @Option(names = "--ec2-endpoint", paramLabel = "URL",
            description = "EC2 endpoint override for --reconcile (default: AWS's).")
    URI ec2Endpoint;

    @Option(names = "--vpc-cidr", paramLabel = "CIDR",
            description = "A CIDR of the VPC (repeatable): non-task addresses inside it are 'same-vpc'.")
    List<String> vpcCidrs = new ArrayList<>();

    @Option(names = "--aws-ip-ranges", paramLabel = "FILE|URL",
            description = "AWS's ip-ranges.json, a path or an http(s) URL (default: the subset bundled with Flowlens).")
    String awsIpRanges;

    @Option(names = "--threat-list", paramLabel = "NAME=FILE",
            description = "A deny or threat list: one address or CIDR per line, # for comments (repeatable).")
    Map<String, Path> threatLists = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Flow-log field order for input without a header line (as in 'flowlens parse').")
    String format;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "How long stopped tasks stay in the index (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration retention;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Flow-log inputs: files, directories (every file under them), or - for stdin (the default).")
    List<String> inputs = new ArrayList<>(List.of("-"));

    AttributeCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        FlowLogFormat flowFormat = parseFormat();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (retention.isNegative() || retention.isZero()) {
            throw new Flowlens.UsageException("--retention must be positive");
        }
        AttributionIndex index = new AttributionIndex(retention.toMillis());
        PeerClassifier peers = peers(ranges());
        JsonGenerator outJson = JsonLines.open(out);
        JsonGenerator errJson = JsonLines.open(err);
        try {
            int badEvents = loadEvents(index, errJson);
            if (reconcile) {
                reconcile(index);
            }
            FlowAttributor attributor = new FlowAttributor(index, peers,
                    new InterfaceEvidence(retention.toMillis()));
            FlowLogFiles files = new FlowLogFiles(flowFormat, ReaderLimits.DEFAULT);
            Map<String, List<Path>> flowFiles = flowFiles();
            // the pre-pass: what every record shows of its interface, before any answer
            for (Path file : flowFiles.values().stream().flatMap(List::stream).toList()) {
                files.read(file, new RecordConsumer() {
                    @Override
                    public void record(FlowRecord record) {
                        attributor.observe(record);
                    }

                    @Override
                    public void deadLetter(DeadLetter letter) {} // reported by the pass below
                });
            }
            boolean[] readOnce = {false};
            RecordConsumer consumer = new RecordConsumer() {
                @Override
                public void record(FlowRecord record) {
                    Long seconds = record.start != null ? record.start : record.end;
                    if (seconds != null) {
                        index.advanceFlowTime(seconds * 1000); // retention by the flows' time, never the wall clock
                    }
                    if (readOnce[0]) {
                        attributor.observe(record); // stdin is read once: the records seen so far count
                    }
                    try {
                        EnrichedFlowJson.write(outJson, attributor.enrich(record));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void deadLetter(DeadLetter letter) {
                    JsonLines.deadLetter(errJson, letter);
                }
            };
            ReadStats stats = new ReadStats();
            for (String input : inputs) {
                readOnce[0] = "-".equals(input);
                if (readOnce[0]) {
                    stats.add(files.read(stdin, "stdin", consumer));
                    continue;
                }
                for (Path file : flowFiles.get(input)) {
                    stats.add(files.read(file, consumer));
                }
            }
            return stats.deadLetters() + badEvents > 0 ? Flowlens.EXIT_DEAD_LETTERS : 0;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            JsonLines.finish(outJson);
            JsonLines.finish(errJson);
        }
    }

    /** The files of each input other than stdin, in order; a usage error for an input that does not exist. */
    private Map<String, List<Path>> flowFiles() throws IOException {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        for (String input : inputs) {
            if ("-".equals(input)) {
                continue;
            }
            Path path = Path.of(input);
            if (!Files.exists(path)) {
                throw new Flowlens.UsageException("cannot read '" + input + "': no such file or directory");
            }
            files.put(input, Inputs.files(path));
        }
        return files;
    }

    /** Applies every event; a bad one becomes a dead letter with its line. Returns how many were bad. */
    private int loadEvents(AttributionIndex index, JsonGenerator errJson) throws IOException {
        if (!Files.isRegularFile(events)) {
            throw new Flowlens.UsageException("cannot read events '" + events + "': no such file");
        }
        TaskStateChangeEvents parser = new TaskStateChangeEvents();
        AccountExports exports = exports();
        java.util.function.Consumer<TaskState> apply = state -> index.apply(exports.fill(state));
        // interfaces no task owns (trunks, load balancers) scope their records by the exported account and VPC
        exports.interfaceScopes().forEach((eni, scope) -> index.describeInterface(eni, scope.get(0), scope.get(1)));
        int bad = 0;
        if (snapshot != null) {
            if (!Files.isRegularFile(snapshot)) {
                throw new Flowlens.UsageException("cannot read snapshot '" + snapshot + "': no such file");
            }
            try {
                parser.parseDescribeTasks(Files.readAllBytes(snapshot), 0L).forEach(apply);
            } catch (InvalidEventException e) {
                bad++;
                JsonLines.deadLetter(errJson, DeadLetter.of("", Origin.of(snapshot.toString()),
                        DeadLetterReason.BAD_EVENT, "snapshot: " + e.getMessage()));
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        String text = Files.readString(events, StandardCharsets.UTF_8);
        List<String> items = new ArrayList<>();
        if (text.stripLeading().startsWith("[")) {
            for (JsonNode event : mapper.readTree(text)) {
                items.add(mapper.writeValueAsString(event));
            }
        } else {
            items.addAll(text.lines().toList());
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isBlank()) {
                continue;
            }
            try {
                apply.accept(parser.parse(items.get(i).getBytes(StandardCharsets.UTF_8)));
            } catch (InvalidEventException e) {
                bad++;
                JsonLines.deadLetter(errJson, DeadLetter.of(items.get(i), Origin.of(events.toString()).atLine(i + 1L),
                        DeadLetterReason.BAD_EVENT, e.getMessage()));
            }
        }
        return bad;
    }

    /** One reconciliation merged into the index, or the run ends (exit 3) saying why it could not be made. */
    private void reconcile(AttributionIndex index) {
        try (EcsReconciler reconciler = EcsReconciler.create(Region.of(awsRegion),
                DefaultCredentialsProvider.builder().build(), ecsEndpoint, ec2Endpoint, ReconcilerSettings.DEFAULT,
                Clock.systemUTC())) {
            ReconcileStatus status = reconciler.reconcile(index);
            if (!status.succeeded()) {
                throw new IllegalStateException("--reconcile: the ECS/EC2 reconciliation failed ("
                        + status.lastError() + "); check --aws-region, --ecs-endpoint, --ec2-endpoint and the"
                        + " credentials");
            }
        }
    }

    private AccountExports exports() throws IOException {
        for (Path file : new Path[] {networkInterfaces, services}) {
            if (file != null && !Files.isRegularFile(file)) {
                throw new Flowlens.UsageException("cannot read '" + file + "': no such file");
            }
        }
        try {
            return AccountExports.read(networkInterfaces, services);
        } catch (IOException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
    }

    private AwsIpRanges ranges() throws IOException {
        if (awsIpRanges == null) {
            return AwsIpRanges.bundled();
        }
        try {
            return AwsIpRanges.load(awsIpRanges, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new Flowlens.UsageException("--aws-ip-ranges: cannot read '" + awsIpRanges + "': "
                    + e.getMessage());
        }
    }

    /** The classifier, or a usage error naming the option whose address or CIDR is wrong. */
    private PeerClassifier peers(AwsIpRanges ranges) {
        try {
            new PeerClassifier(vpcCidrs, ranges, Map.of());
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException("--vpc-cidr: " + e.getMessage());
        }
        try {
            return new PeerClassifier(vpcCidrs, ranges, ThreatLists.read(threatLists));
        } catch (IOException | IllegalArgumentException e) {
            throw new Flowlens.UsageException("--threat-list: " + e.getMessage());
        }
    }

    private FlowLogFormat parseFormat() {
        try {
            return format == null ? FlowLogFormat.defaultFormat() : FlowLogFormat.parse(format);
        } catch (InvalidFormatException e) {
            throw new Flowlens.UsageException("--format: " + e.getMessage());
        }
    }

}
