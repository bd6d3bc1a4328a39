/**
 * The JSON form of the contracts ({@link dev.flowlens.schemas.json.EnrichedFlowJson}, documented in {@code
 * schemas/enriched-flow.md}). Plain Java with Jackson's streaming API; no Flink types.
 */
package dev.flowlens.schemas.json;
