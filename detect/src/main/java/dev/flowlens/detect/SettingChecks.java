package dev.flowlens.detect;

import java.time.Duration;

/** Checks for detector settings: each failure is one sentence naming the job option and what to set. */
final class SettingChecks {
    private SettingChecks() {}

    static void requirePositive(Duration value, String option) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(option + " must be a positive duration, got " + value
                    + "; set it to e.g. 1h");
        }
    }

    static void requireAtLeast(double value, double minimum, String option) {
        if (!(value >= minimum)) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
        }
    }

    static void requireNotNull(Object value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " must be set (an empty list for none)");
        }
    }
}
