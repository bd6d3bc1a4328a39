package dev.flowlens.detect;

import java.util.HashMap;
import java.util.Map;

/** The open incidents of one service, by {@code kind|subject}. A plain Flink POJO. */
public class AlertBookState {
    public Map<String, OpenAlert> open = new HashMap<>();

    public AlertBookState() {}
}
