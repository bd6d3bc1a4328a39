package dev.flowlens.bench;

import dev.flowlens.ingest.FlowLogFormat;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A deterministic buffer of realistic flow-log lines for the parser benchmarks: an ECS VPC's private addresses,
 * a few hundred ENIs, external peers, ephemeral ports, 60 s windows, some REJECTs and NODATA records.
 */
public final class FlowLogCorpus {
    /** A v5/v7-era custom format as an ECS account would configure it: packet addresses, AZ, ECS fields. */
    public static final String CUSTOM_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}"
            + " ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
            + " ${vpc-id} ${subnet-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr} ${az-id}"
            + " ${pkt-dst-aws-service} ${flow-direction} ${traffic-path} ${ecs-cluster-name} ${ecs-service-name}"
            + " ${ecs-task-id}";

    private final byte[] bytes;
    private final int lines;
    private final FlowLogFormat format;

    private FlowLogCorpus(byte[] bytes, int lines, FlowLogFormat format) {
        this.bytes = bytes;
        this.lines = lines;
        this.format = format;
    }

    public static FlowLogCorpus defaultFormat(int lines, long seed) {
        return generate(lines, seed, false);
    }

    public static FlowLogCorpus customFormat(int lines, long seed) {
        return generate(lines, seed, true);
    }

    private static FlowLogCorpus generate(int lines, long seed, boolean custom) {
        Random random = new Random(seed);
        String[] enis = new String[400];
        String[] taskIds = new String[enis.length];
        for (int i = 0; i < enis.length; i++) {
            enis[i] = String.format("eni-%017x", random.nextLong() & 0xfffffffffffffL);
            taskIds[i] = String.format("%016x%016x", random.nextLong(), random.nextLong());
        }
        String[] services = {"checkout", "payments", "catalog", "search", "auth", "cart", "inventory", "mailer"};
        StringBuilder text = new StringBuilder(lines * (custom ? 260 : 110));
        long window = 1_700_000_000L;
        for (int i = 0; i < lines; i++) {
            int eni = random.nextInt(enis.length);
            String local = "10.0." + (eni / 200) + "." + (eni % 200 + 10);
            boolean external = random.nextInt(4) == 0;
            String peer = external
                    ? (52 + random.nextInt(3)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                            + random.nextInt(256)
                    : "10.0." + random.nextInt(4) + "." + (10 + random.nextInt(200));
            boolean egress = random.nextBoolean();
            String src = egress ? local : peer;
            String dst = egress ? peer : local;
            int ephemeral = 32768 + random.nextInt(28232);
            int service = new int[] {443, 80, 8080, 5432, 6379, 53}[random.nextInt(6)];
            if (i % 97 == 0) {
                window += 60;
            }
            boolean noData = random.nextInt(200) == 0;
            String action = random.nextInt(20) == 0 ? "REJECT" : "ACCEPT";
            long packets = 1 + random.nextInt(5000);
            long bytes = packets * (40 + random.nextInt(1400));
            text.append(custom ? "7" : "2").append(" 123456789012 ").append(enis[eni]).append(' ');
            if (noData) {
                text.append("- - - - - - - ").append(window).append(' ').append(window + 60).append(" - NODATA");
            } else {
                text.append(src).append(' ').append(dst).append(' ')
                        .append(egress ? ephemeral : service).append(' ').append(egress ? service : ephemeral)
                        .append(' ').append(random.nextInt(10) == 0 ? 17 : 6).append(' ').append(packets).append(' ')
                        .append(bytes).append(' ').append(window).append(' ').append(window + 60).append(' ')
                        .append(action).append(" OK");
            }
            if (custom) {
                text.append(" vpc-0a1b2c3d4e5f60718 subnet-0").append(eni / 200).append("aa11bb22cc33dd4 ")
                        .append(noData ? "-" : Integer.toString(random.nextInt(32))).append(" IPv4 ")
                        .append(noData ? "-" : src).append(' ').append(noData ? "-" : dst).append(" use1-az")
                        .append(1 + eni / 200).append(' ').append(external && egress ? "S3" : "-").append(' ')
                        .append(egress ? "egress" : "ingress").append(' ').append(egress ? "1" : "-")
                        .append(" prod ").append(services[eni % services.length]).append(' ').append(taskIds[eni]);
            }
            text.append('\n');
        }
        FlowLogFormat format = custom ? FlowLogFormat.parse(CUSTOM_FORMAT) : FlowLogFormat.defaultFormat();
        return new FlowLogCorpus(text.toString().getBytes(StandardCharsets.US_ASCII), lines, format);
    }

    /** The lines, each ending in {@code \n}. */
    public byte[] bytes() {
        return bytes;
    }

    public int lines() {
        return lines;
    }

    public FlowLogFormat format() {
        return format;
    }
}
