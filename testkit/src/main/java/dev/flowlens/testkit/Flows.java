package dev.flowlens.testkit;

/** Flow-log records for tests: {@code Flows.flow().from("10.0.1.5").to("52.216.10.1").port(443).at(t).build()}. */
public final class Flows {
    private Flows() {}

    /** An accepted version-2 TCP record, {@link FlowRecordBuilder}'s defaults until told otherwise. */
    public static FlowRecordBuilder flow() {
        return new FlowRecordBuilder();
    }
}
