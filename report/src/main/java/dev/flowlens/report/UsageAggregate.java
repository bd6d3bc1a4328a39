package dev.flowlens.report;

import dev.flowlens.report.UsageReport.Coverage;
import dev.flowlens.report.UsageReport.ExternalDestination;
import dev.flowlens.report.UsageReport.HourlyUsage;
import dev.flowlens.schemas.usage.ServiceUsage;
import dev.flowlens.schemas.usage.UsageDirection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link UsageQuery}'s aggregation in plain Java, for a reader that cannot hold the dataset on one machine: each
 * parallel reader adds its records to its own aggregate, the aggregates are {@linkplain #merge merged}, and the merged
 * one gives the same {@link UsageReport} as the query, row for row (the same counting rules, read in
 * {@link UsageQuery}'s SQL: each record for the task whose interface recorded it, records of AWS-managed interfaces
 * left out, only ACCEPTed records with a byte count, the same {@link Coverage}).
 *
 * <p>What it holds is bounded by the report's size (its rows, service-hours and each service's internet peers), not by
 * the number of records. {@link #toBytes} and {@link #fromBytes} carry a partial aggregate between processes.
 */
public final class UsageAggregate {
    private static final Set<String> NAT_TYPES = Set.of("nat_gateway", "regional_nat_gateway");
    private static final Set<String> PEER_KINDS = Set.of("aws-service", "same-vpc", "internet");
    private static final int FORM = 1;

    /** What recorded a record, as {@link UsageQuery}'s {@code recorder} column names it. */
    private enum Recorder { SRC, DST, OTHER, EITHER }

    /** A usage row's key: the group of the query's {@code cells}. */
    private record CellKey(String accountId, String cluster, String service, String direction, String peerClass,
            String peerService, String awsService) {}

    /** A service's hour in one direction. */
    private record HourKey(String accountId, String cluster, String service, String direction, long hourStart) {}

    /** A service's internet peer. */
    private record DestinationKey(String accountId, String cluster, String service, String address) {}

    private final Period period;
    private long records;
    private long withoutData;
    private long rejected;
    private long notRecordedByTask;
    private long withoutPeer;
    /** bytes, packets, flows, NAT-processed bytes, endpoint-processed bytes. */
    private final Map<CellKey, long[]> cells = new HashMap<>();
    /** bytes, packets. */
    private final Map<HourKey, long[]> hours = new HashMap<>();
    /** bytes out, bytes in, flows. */
    private final Map<DestinationKey, long[]> destinations = new HashMap<>();

    /** An empty aggregate of {@code period}: records whose capture started outside it are not counted. */
    public UsageAggregate(Period period) {
        this.period = period;
    }

    public Period period() {
        return period;
    }

    /** Counts {@code flow} if its capture started in the period. */
    public void add(UsageFlow flow) {
        if (flow.start == null || flow.start < period.start() || flow.start >= period.end()) {
            return;
        }
        records++;
        if (flow.bytes == null || !(flow.logStatus == null || flow.logStatus.equals("OK"))) {
            withoutData++;
            return;
        }
        if (!(flow.action == null || flow.action.equals("ACCEPT"))) {
            rejected++;
            return;
        }
        Recorder recorder = recorder(flow);
        boolean out = flow.src.taskId != null && (recorder == Recorder.SRC || recorder == Recorder.EITHER);
        boolean in = flow.dst.taskId != null && (recorder == Recorder.DST || recorder == Recorder.EITHER);
        if (!out && !in) {
            notRecordedByTask++;
        }
        if (out) {
            side(flow, flow.src, flow.dst, "out", flow.dstaddr);
        }
        if (in) {
            side(flow, flow.dst, flow.src, "in", flow.srcaddr);
        }
    }

    /** Adds what {@code other} counted (an aggregate of the same period) to this one. */
    public void merge(UsageAggregate other) {
        if (!other.period.equals(period)) {
            throw new IllegalArgumentException("cannot merge the aggregate of " + other.period + " into one of "
                    + period);
        }
        records += other.records;
        withoutData += other.withoutData;
        rejected += other.rejected;
        notRecordedByTask += other.notRecordedByTask;
        withoutPeer += other.withoutPeer;
        other.cells.forEach((key, sums) -> add(cells, key, sums));
        other.hours.forEach((key, sums) -> add(hours, key, sums));
        other.destinations.forEach((key, sums) -> add(destinations, key, sums));
    }

    /** The records of the period counted so far. */
    public long records() {
        return records;
    }

    /** The report, costed with {@code prices}, with the top {@code top} internet destinations per service. */
    public UsageReport report(Prices prices, int top) {
        List<CostEstimator.Cell> costCells = new ArrayList<>(cells.size());
        cells.forEach((key, sums) -> {
            ServiceUsage row = new ServiceUsage();
            row.periodStart = period.start();
            row.periodEnd = period.end();
            row.accountId = key.accountId();
            row.cluster = key.cluster();
            row.service = key.service();
            row.direction = UsageDirection.valueOf(key.direction().toUpperCase(java.util.Locale.ROOT));
            row.peerClass = UsageQuery.peerClass(key.peerClass());
            row.peerService = key.peerService();
            row.awsService = key.awsService();
            row.bytes = sums[0];
            row.packets = sums[1];
            row.flows = sums[2];
            costCells.add(new CostEstimator.Cell(row, sums[3], sums[4]));
        });
        List<ServiceUsage> rows = new CostEstimator(prices).costed(costCells);
        Coverage coverage = new Coverage(records, records - withoutData - rejected - notRecordedByTask - withoutPeer,
                withoutData, rejected, notRecordedByTask, withoutPeer);
        return new UsageReport(period, prices, rows, hourly(), topDestinations(top), coverage);
    }

    private static Recorder recorder(UsageFlow flow) {
        if ("egress".equals(flow.flowDirection)) {
            return Recorder.SRC;
        }
        if ("ingress".equals(flow.flowDirection)) {
            return Recorder.DST;
        }
        if (flow.interfaceType != null) {
            return Recorder.OTHER; // AWS manages it: not a task's ENI
        }
        if (flow.interfaceId != null && flow.interfaceId.equals(flow.src.eniId)) {
            return Recorder.SRC;
        }
        if (flow.interfaceId != null && flow.interfaceId.equals(flow.dst.eniId)) {
            return Recorder.DST;
        }
        if (byInterface(flow.src.attribution)) {
            return Recorder.SRC;
        }
        if (byInterface(flow.dst.attribution)) {
            return Recorder.DST;
        }
        return Recorder.EITHER;
    }

    private static boolean byInterface(String attribution) {
        return "eni".equals(attribution) || "v7-fields".equals(attribution);
    }

    /** The record counted for {@code self}'s task, its peer the other end. */
    private void side(UsageFlow flow, UsageFlow.End self, UsageFlow.End peer, String direction, String peerAddress) {
        String peerClass = peerClass(flow, peer.peerClass);
        if (peerClass == null) {
            withoutPeer++;
            return;
        }
        boolean withTask = peerClass.equals("same-az") || peerClass.equals("cross-az");
        long bytes = flow.bytes;
        long packets = flow.packets == null ? 0 : flow.packets;
        boolean nat = (flow.nextHopInterfaceType != null && NAT_TYPES.contains(flow.nextHopInterfaceType)) || (direction.equals("out")
                && Integer.valueOf(1).equals(flow.trafficPath)
                && (peerClass.equals("internet") || peerClass.equals("aws-service")));
        boolean endpoint = "vpc_endpoint".equals(flow.nextHopInterfaceType);
        add(cells, new CellKey(flow.accountId, self.cluster, self.service, direction, peerClass,
                withTask ? peer.service : null, peerClass.equals("aws-service") ? peer.awsService : null),
                new long[] {bytes, packets, 1, nat ? bytes : 0, endpoint ? bytes : 0});
        add(hours, new HourKey(flow.accountId, self.cluster, self.service, direction,
                Math.floorDiv(flow.start, 3600) * 3600), new long[] {bytes, packets});
        if (peerClass.equals("internet") && peerAddress != null) {
            boolean isOut = direction.equals("out");
            add(destinations, new DestinationKey(flow.accountId, self.cluster, self.service, peerAddress),
                    new long[] {isOut ? bytes : 0, isOut ? 0 : bytes, 1});
        }
    }

    /** The peer class of a side, as the query's {@code sides} view decides it. */
    private static String peerClass(UsageFlow flow, String peerKind) {
        if ("task".equals(peerKind)) {
            return Boolean.TRUE.equals(flow.sameAz) ? "same-az" : "cross-az";
        }
        // peering (traffic paths 4 and 5), a transit gateway, or a next hop in another VPC
        if (Integer.valueOf(4).equals(flow.trafficPath) || Integer.valueOf(5).equals(flow.trafficPath)
                || "transit_gateway".equals(flow.nextHopInterfaceType)
                || (flow.nextHopVpcId != null && flow.vpcId != null && !flow.nextHopVpcId.equals(flow.vpcId))) {
            return "other-vpc";
        }
        return peerKind != null && PEER_KINDS.contains(peerKind) ? peerKind : null; // Set.of holds no null
    }

    private static <K> void add(Map<K, long[]> sums, K key, long[] values) {
        long[] into = sums.computeIfAbsent(key, k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
            into[i] += values[i];
        }
    }

    /** In the query's order: account and cluster nulls last, service nulls first, direction, hour. */
    private List<HourlyUsage> hourly() {
        List<HourlyUsage> list = new ArrayList<>(hours.size());
        hours.forEach((key, sums) -> list.add(new HourlyUsage(key.accountId(), key.cluster(), key.service(),
                key.direction(), key.hourStart(), sums[0], sums[1])));
        list.sort(Comparator.comparing(HourlyUsage::accountId, NULLS_LAST)
                .thenComparing(HourlyUsage::cluster, NULLS_LAST)
                .thenComparing(HourlyUsage::service, NULLS_FIRST)
                .thenComparing(HourlyUsage::direction, TEXT)
                .thenComparingLong(HourlyUsage::hourStart));
        return list;
    }

    /** Each service's top {@code top} by bytes (ties by address), services in the query's order. */
    private List<ExternalDestination> topDestinations(int top) {
        List<ExternalDestination> all = new ArrayList<>(destinations.size());
        destinations.forEach((key, sums) -> all.add(new ExternalDestination(key.accountId(), key.cluster(),
                key.service(), key.address(), sums[0], sums[1], sums[2])));
        all.sort(Comparator.comparing(ExternalDestination::accountId, NULLS_LAST)
                .thenComparing(ExternalDestination::cluster, NULLS_LAST)
                .thenComparing(ExternalDestination::service, NULLS_FIRST)
                .thenComparing(Comparator.comparingLong(
                        (ExternalDestination d) -> d.bytesOut() + d.bytesIn()).reversed())
                .thenComparing(ExternalDestination::address, TEXT));
        List<ExternalDestination> kept = new ArrayList<>();
        ExternalDestination previous = null;
        int rank = 0;
        for (ExternalDestination destination : all) {
            boolean sameService = previous != null && java.util.Objects.equals(previous.accountId(),
                    destination.accountId()) && java.util.Objects.equals(previous.cluster(), destination.cluster())
                    && java.util.Objects.equals(previous.service(), destination.service());
            rank = sameService ? rank + 1 : 1;
            if (rank <= top) {
                kept.add(destination);
            }
            previous = destination;
        }
        return kept;
    }

    /** DuckDB orders text by its UTF-8 bytes, which is the order of code points (not of Java's UTF-16 units). */
    private static final Comparator<String> TEXT = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };
    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(TEXT);
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(TEXT);

    /** This aggregate as bytes, for {@link #fromBytes} in another process. */
    public byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(FORM);
            out.writeLong(period.start());
            out.writeLong(period.end());
            for (long count : new long[] {records, withoutData, rejected, notRecordedByTask, withoutPeer}) {
                out.writeLong(count);
            }
            out.writeInt(cells.size());
            for (Map.Entry<CellKey, long[]> cell : cells.entrySet()) {
                CellKey key = cell.getKey();
                writeTexts(out, key.accountId(), key.cluster(), key.service(), key.direction(), key.peerClass(),
                        key.peerService(), key.awsService());
                writeLongs(out, cell.getValue());
            }
            out.writeInt(hours.size());
            for (Map.Entry<HourKey, long[]> hour : hours.entrySet()) {
                HourKey key = hour.getKey();
                writeTexts(out, key.accountId(), key.cluster(), key.service(), key.direction());
                out.writeLong(key.hourStart());
                writeLongs(out, hour.getValue());
            }
            out.writeInt(destinations.size());
            for (Map.Entry<DestinationKey, long[]> destination : destinations.entrySet()) {
                DestinationKey key = destination.getKey();
                writeTexts(out, key.accountId(), key.cluster(), key.service(), key.address());
                writeLongs(out, destination.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return buffer.toByteArray();
    }

    /** The aggregate {@link #toBytes} wrote. */
    public static UsageAggregate fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int form = in.readInt();
            if (form != FORM) {
                throw new IllegalArgumentException("not a usage aggregate of form " + FORM + ": " + form);
            }
            UsageAggregate aggregate = new UsageAggregate(new Period(in.readLong(), in.readLong()));
            aggregate.records = in.readLong();
            aggregate.withoutData = in.readLong();
            aggregate.rejected = in.readLong();
            aggregate.notRecordedByTask = in.readLong();
            aggregate.withoutPeer = in.readLong();
            for (int n = in.readInt(); n > 0; n--) {
                aggregate.cells.put(new CellKey(readText(in), readText(in), readText(in), readText(in),
                        readText(in), readText(in), readText(in)), readLongs(in, 5));
            }
            for (int n = in.readInt(); n > 0; n--) {
                aggregate.hours.put(new HourKey(readText(in), readText(in), readText(in), readText(in),
                        in.readLong()), readLongs(in, 2));
            }
            for (int n = in.readInt(); n > 0; n--) {
                aggregate.destinations.put(new DestinationKey(readText(in), readText(in), readText(in),
                        readText(in)), readLongs(in, 3));
            }
            return aggregate;
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated usage aggregate: " + e, e);
        }
    }

    private static void writeTexts(DataOutputStream out, String... texts) throws IOException {
        for (String text : texts) {
            out.writeBoolean(text != null);
            if (text != null) {
                byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        for (long value : values) {
            out.writeLong(value);
        }
    }

    private static long[] readLongs(DataInputStream in, int n) throws IOException {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
