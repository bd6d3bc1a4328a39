package dev.flowlens.detect;

/**
 * One detector: it keeps its own part of a service's {@link ServiceState} and reports incidents to the
 * {@link AlertBook}. Plain Java; called for one service key at a time, in the key's order of arrival.
 */
interface Detector {
    /** Takes one flow seen from one of the service's tasks. */
    void onFlow(ServiceState state, TaskFlow flow, AlertBook book);

    /** Event time (the watermark, epoch seconds) has reached {@code now}: expire windows and old baseline entries. */
    void onTime(ServiceState state, long now, AlertBook book);

    /** Whether this detector holds nothing for the service. */
    boolean isEmpty(ServiceState state);
}
