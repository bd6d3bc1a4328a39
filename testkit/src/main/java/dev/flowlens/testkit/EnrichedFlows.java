package dev.flowlens.testkit;

import dev.flowlens.schemas.FlowRecord;

/**
 * Enriched flows for tests, as the attribution would emit them:
 * {@code EnrichedFlows.enriched(Flows.flow().build()).srcTask(web.identity()).build()}.
 */
public final class EnrichedFlows {
    private EnrichedFlows() {}

    /** {@code record} with both ends unattributed until told otherwise ({@link EnrichedFlowBuilder}). */
    public static EnrichedFlowBuilder enriched(FlowRecord record) {
        return new EnrichedFlowBuilder(record);
    }
}
