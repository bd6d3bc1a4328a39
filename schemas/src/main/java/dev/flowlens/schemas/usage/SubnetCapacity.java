package dev.flowlens.schemas.usage;

/**
 * One row of the capacity report: how full a task subnet was over a period, and when it will run out at the current
 * trend. Documented in {@code schemas/usage.md}. A Flink POJO.
 */
public class SubnetCapacity {
    /** AWS reserves the first four addresses and the last one of every subnet. */
    public static final int RESERVED_ADDRESSES = 5;

    /** Period start, epoch seconds (inclusive). */
    public long periodStart;
    /** Period end, epoch seconds (exclusive). */
    public long periodEnd;
    public String accountId;
    public String vpcId;
    public String subnetId;
    public String availabilityZone;
    /** The subnet's IPv4 CIDR. */
    public String cidr;
    /** Addresses the subnet can hand out: its size less {@link #RESERVED_ADDRESSES}. */
    public long usableAddresses;
    /** The most addresses in use at once during the period (any ENI's, not only tasks'). */
    public long peakInUse;
    /** Days until no address is left at the period's trend; {@code null} when use is not growing. */
    public Double daysToExhaustion;

    public SubnetCapacity() {}

    /** The usable addresses of an IPv4 subnet with this prefix length (AWS allows /16 to /28). */
    public static long usableAddresses(int prefixLength) {
        if (prefixLength < 16 || prefixLength > 28) {
            throw new IllegalArgumentException("a subnet's prefix is /16 to /28, not /" + prefixLength);
        }
        return (1L << (32 - prefixLength)) - RESERVED_ADDRESSES;
    }
}
