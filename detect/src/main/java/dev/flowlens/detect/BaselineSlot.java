package dev.flowlens.detect;

/** One hour of day of a {@link VolumeBaseline}. A plain Flink POJO. */
public class BaselineSlot {
    public double level;
    public double deviation;
    public long samples;

    public BaselineSlot() {}
}
