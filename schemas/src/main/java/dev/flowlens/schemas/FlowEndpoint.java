package dev.flowlens.schemas;

/** One end of an enriched flow: its address, the task it belonged to at that time, and how that was decided. */
public class FlowEndpoint {
    public String address;
    /** The owning task, or {@code null} when unattributed. */
    public TaskIdentity task;
    public AttributionMethod attribution;
    /** Set when {@link #attribution} is {@link AttributionMethod#UNATTRIBUTED}. */
    public UnattributedReason unattributedReason;
    public PeerClass peerClass;
    /** The AWS service of an {@link PeerClass#AWS_SERVICE} address ({@code S3}, {@code DYNAMODB}, ...). */
    public String awsService;
    /** Names of the deny or threat lists this address is on; empty when none. */
    public java.util.List<String> threatLists = new java.util.ArrayList<>();

    public FlowEndpoint() {}

    /** {@code v7-fields}, {@code eni}, {@code ip-time} or {@code unattributed:<reason>}. */
    public String attributionLabel() {
        if (attribution == AttributionMethod.UNATTRIBUTED && unattributedReason != null) {
            return attribution.wireName() + ":" + unattributedReason.wireName();
        }
        return attribution == null ? null : attribution.wireName();
    }

    public boolean isAttributed() {
        return task != null;
    }
}
