package dev.flowlens.schemas;

/** Why an end of a flow names no task. Every unattributed end says which of these applies. */
public enum UnattributedReason {
    /** The record has no address for this end (NODATA, SKIPDATA). */
    NO_ADDRESS("no-address"),
    /** No task ever held this address, as far as the index knows (outside the task subnets, or never seen). */
    NEVER_SEEN("never-seen"),
    /** The address was free at that time: one task had released it, the next had not yet taken it. */
    GAP_BETWEEN_OWNERS("gap-between-owners"),
    /** The flow is older than the first known owner of the address (or than what the index retains). */
    BEFORE_FIRST_OWNER("before-first-owner"),
    /** The last owner had stopped and no newer owner is known. */
    AFTER_LAST_OWNER("after-last-owner"),
    /** The flow is newer than what the index knows: metadata may still be on its way. */
    INDEX_BEHIND("index-behind"),
    /**
     * Two tasks may have held the address then and the evidence cannot tell which: the older owner's stop is
     * unknown (its STOPPED event lost) and the flow falls between its last evidence and the time the newer owner
     * certainly held the address; or the record contradicts the index (an interface no metadata names recorded an
     * address the index gives to another dedicated ENI).
     */
    OWNER_UNCERTAIN("owner-uncertain");

    private final String wireName;

    UnattributedReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
