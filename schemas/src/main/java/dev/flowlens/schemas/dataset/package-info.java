/**
 * The enriched-flow dataset's contract: its columns, in order, with their types (named as Parquet names them, without
 * a Parquet dependency) and how each is read from an {@code EnrichedFlow}. Plain Java; uses only the schemas types.
 */
package dev.flowlens.schemas.dataset;
