package dev.flowlens.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A small account whose usage is known: each record written to the dataset says, beside it, what it must count for
 * (the service's side, direction, peer class and peer, and which bytes a NAT gateway or an endpoint processed) or why
 * it is left out. The expected rows and their costs are summed here, in plain Java, from those statements and the
 * default prices' figures, independently of the report's SQL.
 */
public final class UsageScenario {
    public static final String ACCOUNT = "111122223333";
    public static final String CLUSTER = "prod";
    public static final long T = TestDataset.at("2026-05-01T10:00:00Z");
    public static final Period PERIOD = new Period(T, T + 7200);
    private static final double GB = 1L << 30;

    record Task(String id, String service, String az, String address, String eni) {}

    static final Task WEB = new Task("w1", "web", "us-east-1a", "10.0.1.10", "eni-w1");
    static final Task API_A = new Task("a1", "api", "us-east-1a", "10.0.1.20", "eni-a1");
    static final Task API_B = new Task("a2", "api", "us-east-1b", "10.0.2.20", "eni-a2");
    static final Task LONE = new Task("s1", null, "us-east-1b", "10.0.2.30", "eni-s1");

    /** What one counted side adds to a row. */
    record Contribution(String service, String direction, String peerClass, String peerService, String awsService,
            long bytes, long packets, long natBytes, long endpointBytes) {}

    final TestDataset dataset = new TestDataset();
    final List<Contribution> contributions = new ArrayList<>();
    long records;
    long withoutData;
    long rejected;
    long notRecordedByTask;

    public UsageScenario() {
        // 1. east-west in one zone: each ENI logs its own record; each counts once, for its own side
        Map<String, Object> r = flow(T + 60, WEB.address, API_A.address, 1000, 10, "egress");
        task(r, "src", WEB);
        task(r, "dst", API_A);
        r.put("same_az", true);
        counts(WEB, "out", "same-az", "api", null, 1000, 10, 0, 0);
        r = flow(T + 60, WEB.address, API_A.address, 1000, 10, "ingress");
        task(r, "src", WEB);
        task(r, "dst", API_A);
        r.put("same_az", true);
        counts(API_A, "in", "same-az", "web", null, 1000, 10, 0, 0);
        // 2. east-west across zones
        r = flow(T + 120, WEB.address, API_B.address, 200_000_000, 150_000, "egress");
        task(r, "src", WEB);
        task(r, "dst", API_B);
        r.put("same_az", false);
        counts(WEB, "out", "cross-az", "api", null, 200_000_000, 150_000, 0, 0);
        r = flow(T + 120, WEB.address, API_B.address, 200_000_000, 150_000, "ingress");
        task(r, "src", WEB);
        task(r, "dst", API_B);
        r.put("same_az", false);
        counts(API_B, "in", "cross-az", "web", null, 200_000_000, 150_000, 0, 0);
        // 3. to the internet directly (an internet gateway), and its answer
        r = flow(T + 180, WEB.address, "203.0.113.5", 5_000_000, 4000, "egress");
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        r.put("traffic_path", 8);
        counts(WEB, "out", "internet", null, null, 5_000_000, 4000, 0, 0);
        r = flow(T + 180, "203.0.113.5", WEB.address, 100_000, 900, "ingress");
        peer(r, "src", "internet", null);
        task(r, "dst", WEB);
        counts(WEB, "in", "internet", null, null, 100_000, 900, 0, 0);
        // 4. to the internet through a NAT gateway (traffic path 1), in the second hour; the answer's next hop is it
        r = flow(T + 3700, WEB.address, "198.51.100.7", 300_000_000, 250_000, "egress");
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        r.put("traffic_path", 1);
        counts(WEB, "out", "internet", null, null, 300_000_000, 250_000, 300_000_000, 0);
        r = flow(T + 3700, "198.51.100.7", WEB.address, 60_000, 700, "ingress");
        peer(r, "src", "internet", null);
        task(r, "dst", WEB);
        r.put("next_hop_interface_type", "nat_gateway");
        counts(WEB, "in", "internet", null, null, 60_000, 700, 60_000, 0);
        // ... and the NAT gateway's own record of it (no flow-direction): the task's record already counts it
        r = flow(T + 3700, WEB.address, "198.51.100.7", 300_000_000, 250_000, null);
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        r.put("interface_id", "eni-nat");
        r.put("interface_type", "nat_gateway");
        notRecordedByTask++;
        // 5. to S3 through a gateway endpoint (traffic path 2): not priced
        r = flow(T + 240, API_A.address, "52.216.1.1", 4_000_000, 3000, "egress");
        task(r, "src", API_A);
        peer(r, "dst", "aws-service", "S3");
        r.put("traffic_path", 2);
        counts(API_A, "out", "aws-service", null, "S3", 4_000_000, 3000, 0, 0);
        // 6. to an interface endpoint in the VPC (its next hop): endpoint processing
        r = flow(T + 300, API_B.address, "10.0.5.5", 100_000_000, 80_000, "egress");
        task(r, "src", API_B);
        peer(r, "dst", "same-vpc", null);
        r.put("next_hop_interface_type", "vpc_endpoint");
        counts(API_B, "out", "same-vpc", null, null, 100_000_000, 80_000, 0, 100_000_000);
        // 7. a standalone task to a peered VPC (traffic path 4)
        r = flow(T + 360, LONE.address, "172.31.0.9", 7000, 9, "egress");
        task(r, "src", LONE);
        peer(r, "dst", "internet", null);
        r.put("traffic_path", 4);
        counts(LONE, "out", "other-vpc", null, null, 7000, 9, 0, 0);
        // 8. a version 2 record (no flow-direction): its interface is the task's ENI, so the task is its source
        r = flow(T + 420, WEB.address, "203.0.113.5", 500, 5, null);
        r.put("version", 2);
        r.put("interface_id", WEB.eni);
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        counts(WEB, "out", "internet", null, null, 500, 5, 0, 0);
        // 9. rejected and empty records are left out
        r = flow(T + 480, "192.0.2.66", WEB.address, 40, 1, "ingress");
        peer(r, "src", "internet", null);
        task(r, "dst", WEB);
        r.put("action", "REJECT");
        rejected++;
        r = flow(T + 540, null, null, 0, 0, null);
        r.put("bytes", null);
        r.put("packets", null);
        r.put("log_status", "NODATA");
        r.put("interface_id", WEB.eni);
        task(r, "src", WEB);
        withoutData++;
        // 10. outside the period: an hour before, at its end, and without a capture start (dt=unknown)
        r = flow(T - 3600, WEB.address, "203.0.113.5", 999_999, 99, "egress");
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        records--;
        r = flow(T + 7200, WEB.address, "203.0.113.5", 888_888, 88, "egress");
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        records--;
        r = flow(T, WEB.address, "203.0.113.5", 777_777, 77, "egress");
        r.put("start", null);
        r.put("end", null);
        task(r, "src", WEB);
        peer(r, "dst", "internet", null);
        records--;
    }

    public void writeTo(Path root) throws SQLException {
        dataset.writeTo(root);
    }

    /** The records whose capture started in {@link #PERIOD}, counted or not. */
    public long expectedRecords() {
        return records;
    }

    /** The rows expected, as the CSV lines (without the header), in the report's order. */
    public List<String> expectedCsvLines() {
        Map<List<String>, long[]> sums = new TreeMap<>(KEY_ORDER);
        for (Contribution c : contributions) {
            long[] sum = sums.computeIfAbsent(java.util.Arrays.asList(c.service(), c.direction(), c.peerClass(),
                    c.peerService(), c.awsService()), k -> new long[5]);
            sum[0] += c.bytes();
            sum[1] += c.packets();
            sum[2]++;
            sum[3] += c.natBytes();
            sum[4] += c.endpointBytes();
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<List<String>, long[]> e : sums.entrySet()) {
            List<String> k = e.getKey();
            long[] s = e.getValue();
            // the default prices: cross-AZ 0.01, first internet tier 0.09 (all of it is far below 10 TB), NAT 0.045,
            // endpoint 0.01 per GB
            double cost = 0.045 * s[3] / GB + 0.01 * s[4] / GB;
            if (k.get(2).equals("cross-az")) {
                cost += 0.01 * s[0] / GB;
            }
            if (k.get(2).equals("internet") && k.get(1).equals("out")) {
                cost += 0.09 * s[0] / GB;
            }
            lines.add(String.join(",", String.valueOf(PERIOD.start()), String.valueOf(PERIOD.end()), ACCOUNT,
                    CLUSTER, blank(k.get(0)), k.get(1), k.get(2), blank(k.get(3)), blank(k.get(4)),
                    String.valueOf(s[0]), String.valueOf(s[1]), String.valueOf(s[2]),
                    BigDecimal.valueOf(cost).setScale(6, RoundingMode.HALF_UP).toPlainString()));
        }
        return lines;
    }

    long counted() {
        return contributions.size(); // each counted record here counts for one side
    }

    private static final List<String> PEER_CLASSES = List.of("same-az", "cross-az", "same-vpc", "other-vpc",
            "aws-service", "internet");
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<List<String>> KEY_ORDER = Comparator
            .comparing((List<String> k) -> k.get(0), NULLS_FIRST)
            .thenComparing(k -> k.get(1)) // in before out
            .thenComparing(k -> PEER_CLASSES.indexOf(k.get(2)))
            .thenComparing(k -> k.get(3), NULLS_FIRST)
            .thenComparing(k -> k.get(4), NULLS_FIRST);

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private Map<String, Object> flow(long start, String src, String dst, long bytes, long packets,
            String flowDirection) {
        records++;
        Map<String, Object> r = dataset.row();
        r.put("version", 5);
        r.put("account_id", ACCOUNT);
        r.put("interface_id", "eni-recorder");
        r.put("srcaddr", src);
        r.put("dstaddr", dst);
        r.put("srcport", 40000);
        r.put("dstport", 443);
        r.put("protocol", 6);
        r.put("packets", packets);
        r.put("bytes", bytes);
        r.put("start", start);
        r.put("end", start + 60);
        r.put("action", "ACCEPT");
        r.put("log_status", "OK");
        r.put("vpc_id", "vpc-1");
        r.put("flow_direction", flowDirection);
        return r;
    }

    private static void task(Map<String, Object> r, String side, Task task) {
        r.put(side + "_task_id", task.id());
        r.put(side + "_task_arn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + CLUSTER + "/" + task.id());
        r.put(side + "_service", task.service());
        r.put(side + "_cluster", CLUSTER);
        r.put(side + "_availability_zone", task.az());
        r.put(side + "_eni_id", task.eni());
        r.put(side + "_attribution", "ip-time");
        r.put(side + "_peer_class", "task");
        r.put("direction", Objects.equals(side, "src") ? "egress" : "ingress");
    }

    private static void peer(Map<String, Object> r, String side, String peerClass, String awsService) {
        r.put(side + "_attribution", "unattributed:never-seen");
        r.put(side + "_peer_class", peerClass);
        r.put(side + "_aws_service", awsService);
    }

    private void counts(Task task, String direction, String peerClass, String peerService, String awsService,
            long bytes, long packets, long natBytes, long endpointBytes) {
        contributions.add(new Contribution(task.service(), direction, peerClass, peerService, awsService, bytes,
                packets, natBytes, endpointBytes));
    }
}
