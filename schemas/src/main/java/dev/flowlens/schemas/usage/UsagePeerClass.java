package dev.flowlens.schemas.usage;

/**
 * Where the other end of a service's traffic was, as AWS prices data transfer (not {@code PeerClass}, which says what
 * a flow's end is): same-AZ traffic is free, cross-AZ is charged both ways, AWS services and the internet have their
 * own prices and paths (NAT gateway, VPC endpoint).
 */
public enum UsagePeerClass {
    /** A task in the same Availability Zone. */
    SAME_AZ("same-az"),
    /** A task in another Availability Zone. */
    CROSS_AZ("cross-az"),
    /** Inside the VPC but not a task (a load balancer, an endpoint, an instance): its zone is not known. */
    SAME_VPC("same-vpc"),
    /** Another VPC (peering or transit gateway). */
    OTHER_VPC("other-vpc"),
    /** An AWS service, by AWS's published ranges. */
    AWS_SERVICE("aws-service"),
    /** The internet. */
    INTERNET("internet");

    private final String wireName;

    UsagePeerClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
