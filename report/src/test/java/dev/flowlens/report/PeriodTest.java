package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Periods relative to the run, as a scheduled report names them, and the days they cover. */
class PeriodTest {
    private static final Instant MONDAY_3AM = Instant.parse("2026-12-07T03:00:00Z");

    @Test
    void lastDaysAreTheWholeUtcDaysBeforeToday() {
        Period week = Period.last("last 7 days", MONDAY_3AM);
        assertThat(week).isEqualTo(new Period(epoch("2026-11-30T00:00:00Z"), epoch("2026-12-07T00:00:00Z")));
        assertThat(week.firstDay()).isEqualTo("2026-11-30");
        assertThat(week.lastDay()).isEqualTo("2026-12-06");
        assertThat(Period.last("last 1 week", MONDAY_3AM)).isEqualTo(week);
        assertThat(Period.last("Last day", MONDAY_3AM))
                .isEqualTo(new Period(epoch("2026-12-06T00:00:00Z"), epoch("2026-12-07T00:00:00Z")));
    }

    @Test
    void lastHoursAreTheWholeHoursBeforeThisOne() {
        assertThat(Period.last("last 2 hours", Instant.parse("2026-12-07T03:59:59Z")))
                .isEqualTo(new Period(epoch("2026-12-07T01:00:00Z"), epoch("2026-12-07T03:00:00Z")));
    }

    @Test
    void otherTextIsRefusedWithTheFormsItTakes() {
        assertThatThrownBy(() -> Period.last("past week", MONDAY_3AM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 'last N days', 'last N weeks' or 'last N hours', not 'past week'");
        assertThatThrownBy(() -> Period.last("last 0 days", MONDAY_3AM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N is from 1");
    }

    private static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }
}
