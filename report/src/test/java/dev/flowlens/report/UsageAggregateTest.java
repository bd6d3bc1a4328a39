package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-Java aggregation against {@link UsageQuery}'s SQL on {@link UsageScenario}'s dataset, whose answers the
 * scenario knows: the same report from the same records, whether aggregated whole or in parts merged.
 */
class UsageAggregateTest {
    @TempDir
    static Path dir;
    static UsageScenario scenario;
    static UsageReport byQuery;
    static List<UsageFlow> flows;

    @BeforeAll
    static void aggregate() throws Exception {
        scenario = new UsageScenario();
        scenario.writeTo(dir.resolve("dataset"));
        byQuery = new UsageQuery(dir.resolve("dataset")).run(UsageScenario.PERIOD, Prices.defaults(), 10);
        flows = new ArrayList<>();
        for (Map<String, Object> row : scenario.dataset.rows()) {
            flows.add(flow(row));
        }
    }

    @Test
    void theRowsAreTheScenariosAndTheQuerys() throws Exception {
        UsageReport report = whole(10);
        assertThat(csv(report)).isEqualTo(csv(byQuery));
        List<String> lines = List.of(csv(report).split("\n"));
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(scenario.expectedCsvLines());
    }

    @Test
    void coverageHourlyTrendAndDestinationsAreTheQuerys() {
        UsageReport report = whole(10);
        assertThat(report.coverage()).isEqualTo(byQuery.coverage());
        assertThat(report.coverage().records()).isEqualTo(scenario.records);
        assertThat(report.hourly()).isNotEmpty().containsExactlyElementsOf(byQuery.hourly());
        assertThat(report.destinations()).isNotEmpty().containsExactlyElementsOf(byQuery.destinations());
        assertThat(whole(1).destinations()).extracting(UsageReport.ExternalDestination::address)
                .containsExactly("198.51.100.7");
    }

    @Test
    void partsMergedThroughTheirBytesGiveTheWhole() throws Exception {
        UsageAggregate first = new UsageAggregate(UsageScenario.PERIOD);
        UsageAggregate second = new UsageAggregate(UsageScenario.PERIOD);
        for (int i = 0; i < flows.size(); i++) {
            (i % 2 == 0 ? first : second).add(flows.get(i));
        }
        UsageAggregate merged = new UsageAggregate(UsageScenario.PERIOD);
        merged.merge(UsageAggregate.fromBytes(second.toBytes()));
        merged.merge(UsageAggregate.fromBytes(first.toBytes()));
        UsageReport report = merged.report(Prices.defaults(), 10);
        assertThat(csv(report)).isEqualTo(csv(byQuery));
        assertThat(report.coverage()).isEqualTo(byQuery.coverage());
        assertThat(report.hourly()).containsExactlyElementsOf(byQuery.hourly());
        assertThat(report.destinations()).containsExactlyElementsOf(byQuery.destinations());
    }

    @Test
    void recordsOutsideThePeriodAreNotCounted() throws Exception {
        Period later = new Period(UsageScenario.T + 86_400, UsageScenario.T + 90_000);
        UsageAggregate aggregate = new UsageAggregate(later);
        flows.forEach(aggregate::add);
        UsageReport report = aggregate.report(Prices.defaults(), 10);
        assertThat(report.rows()).isEmpty();
        assertThat(report.coverage().records()).isZero();
        assertThat(csv(report)).isEqualTo(csv(new UsageQuery(dir.resolve("dataset")).run(later, Prices.defaults(),
                10)));
    }

    @Test
    void aggregatesOfOtherPeriodsDoNotMerge() {
        UsageAggregate aggregate = new UsageAggregate(UsageScenario.PERIOD);
        assertThatThrownBy(() -> aggregate.merge(new UsageAggregate(new Period(0, 3600))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot merge");
    }

    private static UsageReport whole(int top) {
        UsageAggregate aggregate = new UsageAggregate(UsageScenario.PERIOD);
        flows.forEach(aggregate::add);
        return aggregate.report(Prices.defaults(), top);
    }

    private static String csv(UsageReport report) throws java.io.IOException {
        StringWriter out = new StringWriter();
        UsageRows.csv(report.rows(), out);
        return out.toString();
    }

    /** A test row as a reader of the Parquet file gives it: each value in its column's type. */
    static UsageFlow flow(Map<String, Object> row) {
        UsageFlow flow = new UsageFlow();
        for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
            Object value = row.get(column.name());
            if (value instanceof Number number) {
                value = switch (column.type()) {
                    case INT32 -> number.intValue();
                    case INT64 -> number.longValue();
                    default -> value;
                };
            }
            flow.set(column.name(), value);
        }
        return flow;
    }
}
