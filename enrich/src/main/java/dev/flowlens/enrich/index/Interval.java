package dev.flowlens.enrich.index;

/** One task's hold on one address or ENI: {@code [from, until)} in epoch millis. Immutable. */
final class Interval {
    final long from;
    final long until;
    final Lookup owner;
    final String taskArn;

    Interval(long from, long until, Lookup owner, String taskArn) {
        this.from = from;
        this.until = until;
        this.owner = owner;
        this.taskArn = taskArn;
    }
}
