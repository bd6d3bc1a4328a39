/**
 * {@code flowlens report usage}: per-service network usage and its estimated cost over a period, aggregated from the
 * local enriched-flow Parquet dataset with embedded DuckDB ({@link dev.flowlens.report.UsageQuery}), costed from
 * {@link dev.flowlens.report.Prices}, written as {@code ServiceUsage} rows in CSV or JSON or as a self-contained HTML
 * page with inlined Apache ECharts. Plain Java, no Flink.
 */
package dev.flowlens.report;
