package dev.flowlens.report;

import dev.flowlens.schemas.usage.ServiceUsage;
import java.util.List;

/**
 * What {@code flowlens report usage} found for a period: the {@link ServiceUsage} rows (the CSV and JSON output,
 * costed), and for the HTML page the hourly trend and each service's top external destinations.
 *
 * @param period the period reported
 * @param prices the prices the costs were estimated from
 * @param rows one per account, cluster, service, direction, peer class and peer, in a stable order
 * @param hourly the service's bytes and packets per hour and direction
 * @param destinations each service's top internet peers by bytes
 * @param coverage what the period's records were and which of them were counted
 */
public record UsageReport(Period period, Prices prices, List<ServiceUsage> rows, List<HourlyUsage> hourly,
        List<ExternalDestination> destinations, Coverage coverage) {

    /** A service's traffic in one hour and direction. */
    public record HourlyUsage(String accountId, String cluster, String service, String direction, long hourStart,
            long bytes, long packets) {}

    /** An internet address a service exchanged traffic with. */
    public record ExternalDestination(String accountId, String cluster, String service, String address,
            long bytesOut, long bytesIn, long flows) {}

    /**
     * The period's flow-log records and which were counted: every record is either counted or left out for one of
     * the reasons here, so nothing disappears unexplained.
     *
     * @param records the records whose capture started in the period
     * @param counted those counted on at least one task's side
     * @param withoutData NODATA/SKIPDATA windows and records without a byte count
     * @param rejected REJECTed records: the traffic went no further than the interface
     * @param notRecordedByTask recorded by an interface that is not a task's (a NAT gateway's, a load balancer's,
     *     a transit gateway's) or whose task is not known: the task's own ENI records the same traffic
     * @param withoutPeer the other end has no address or class
     */
    public record Coverage(long records, long counted, long withoutData, long rejected, long notRecordedByTask,
            long withoutPeer) {}
}
