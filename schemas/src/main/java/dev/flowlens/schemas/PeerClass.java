package dev.flowlens.schemas;

/** What the end of a flow is, when it is not (only) a task. */
public enum PeerClass {
    /** An ECS task known to the index. */
    TASK("task"),
    /** Inside the VPC's CIDRs but not a known task (a load balancer, an EC2 instance, an endpoint, ...). */
    SAME_VPC("same-vpc"),
    /** An AWS service address (AWS's published ranges, or the record's pkt-*-aws-service field). */
    AWS_SERVICE("aws-service"),
    /** Anything else: the internet. */
    INTERNET("internet"),
    /** The record has no address for this end. */
    NONE("none");

    private final String wireName;

    PeerClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
