package dev.flowlens.report;

import dev.flowlens.schemas.usage.ServiceUsage;
import dev.flowlens.schemas.usage.UsageDirection;
import dev.flowlens.schemas.usage.UsagePeerClass;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates each usage row's network cost from {@link Prices}: cross-AZ transfer on each side; internet egress
 * through the tiers, on each account's internet egress of the period, each row paying its share at the account's
 * blended rate; NAT gateway and interface endpoint processing on the bytes that went through one. Same-AZ, same-VPC
 * (zone unknown), other-VPC and AWS-service transfer in the Region are not priced. Costs are rounded to a millionth of
 * a dollar.
 */
final class CostEstimator {
    /** Costs are kept to a millionth of a dollar: enough for small rows, stable in CSV and JSON. */
    static final int COST_SCALE = 6;

    /** Rows in the reports' order: by account, cluster, service, direction, peer class and peer, nulls first. */
    static final Comparator<ServiceUsage> ORDER = Comparator
            .comparing((ServiceUsage r) -> r.accountId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.cluster, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.service, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.direction)
            .thenComparing(r -> r.peerClass)
            .thenComparing(r -> r.peerService, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.awsService, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Prices prices;

    CostEstimator(Prices prices) {
        this.prices = prices;
    }

    /**
     * A row before costing, with the part of its bytes that a NAT gateway or an interface endpoint processed.
     *
     * @param row the row, cost not yet set
     * @param natBytes of its bytes, those through a NAT gateway
     * @param endpointBytes of its bytes, those through a VPC interface endpoint
     */
    record Cell(ServiceUsage row, long natBytes, long endpointBytes) {}

    /** The rows of {@code cells}, each with its estimated cost, in {@link #ORDER}. */
    List<ServiceUsage> costed(List<Cell> cells) {
        Map<String, Long> internetEgressBytes = new HashMap<>();
        for (Cell cell : cells) {
            if (isInternetEgress(cell.row())) {
                internetEgressBytes.merge(String.valueOf(cell.row().accountId), cell.row().bytes, Long::sum);
            }
        }
        List<ServiceUsage> rows = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            ServiceUsage row = cell.row();
            double cost = prices.natGatewayProcessingPerGb * gb(cell.natBytes())
                    + prices.interfaceEndpointProcessingPerGb * gb(cell.endpointBytes());
            if (row.peerClass == UsagePeerClass.CROSS_AZ) {
                cost += prices.crossAzPerGb * gb(row.bytes);
            }
            if (isInternetEgress(row)) {
                long accountBytes = internetEgressBytes.get(String.valueOf(row.accountId));
                cost += prices.internetEgressCost(gb(accountBytes)) * row.bytes / accountBytes;
            }
            row.estimatedCostUsd = rounded(cost);
            rows.add(row);
        }
        rows.sort(ORDER);
        return rows;
    }

    static double gb(long bytes) {
        return bytes / Prices.BYTES_PER_GB;
    }

    static double rounded(double usd) {
        return BigDecimal.valueOf(usd).setScale(COST_SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    private static boolean isInternetEgress(ServiceUsage row) {
        return row.peerClass == UsagePeerClass.INTERNET && row.direction == UsageDirection.OUT && row.bytes > 0;
    }
}
