package dev.flowlens.jobs.enrich;

import dev.flowlens.enrich.aws.AccountExports;
import dev.flowlens.jobs.enrich.operators.HoldBackSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the enrichment topology needs to know, read from {@link EnrichmentOptions}.
 *
 * @param format AWS format string of flow-log input without header lines
 * @param eventsSource name of the events' origin, for dead letters
 * @param index the task index's settings
 * @param exports security groups from account exports, filled into task observations that have none; {@code null}
 *     for none
 * @param streaming event-time settings for unbounded inputs; {@code null} for bounded ones, which run in BATCH mode
 *     and see all metadata before any flow
 */
public record EnrichmentSettings(String format, String eventsSource, IndexSettings index, Streaming streaming,
        AccountExports exports) implements Serializable {

    public EnrichmentSettings(String format, String eventsSource, IndexSettings index, Streaming streaming) {
        this(format, eventsSource, index, streaming, null);
    }

    /** Settings for bounded inputs. */
    public EnrichmentSettings(String format, String eventsSource, IndexSettings index) {
        this(format, eventsSource, index, null, null);
    }

    public EnrichmentSettings withStreaming(Streaming streaming) {
        return new EnrichmentSettings(format, eventsSource, index, streaming, exports);
    }

    /** With security groups from account exports ({@code null} or empty for none). */
    public EnrichmentSettings withExports(AccountExports exports) {
        // the interfaces no task owns scope their records in every operator's index
        return new EnrichmentSettings(format, eventsSource,
                exports == null ? index : index.withInterfaceScopes(exports.interfaceScopes()), streaming, exports);
    }

    /**
     * Event time on unbounded inputs.
     *
     * @param holdBack how flows newer than the metadata wait for it
     * @param flowOutOfOrderness how far out of order flow records arrive (by their {@code start})
     * @param idleness an input quiet this long (wall clock) stops holding the watermark back
     */
    public record Streaming(HoldBackSettings holdBack, Duration flowOutOfOrderness, Duration idleness)
            implements Serializable {}
}
