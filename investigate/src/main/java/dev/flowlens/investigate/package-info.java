/**
 * {@code flowlens investigate}: who talked to an address, a CIDR, a port, an AWS service, a security group, a task or
 * a service, over a time range of the enriched Parquet dataset ({@code dt=YYYY-MM-DD/hour=HH}, local or
 * {@code s3://}). Partitions are pruned by the time range, S3 objects fetched into a bounded local cache, and the
 * question answered by embedded DuckDB (which prunes row groups by their statistics). Plain Java, no Flink.
 */
package dev.flowlens.investigate;
