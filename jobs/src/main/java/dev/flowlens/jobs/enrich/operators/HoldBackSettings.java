package dev.flowlens.jobs.enrich.operators;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the streaming attribution holds back flows newer than the metadata.
 *
 * @param holdBack how long (event time) such a flow waits for the metadata
 * @param maxHeldPerInterface at most this many flows wait per interface; more go out at once
 * @param metadataOutOfOrderness how far out of order task events arrive (by their time); the index is complete
 *     only up to its newest observation minus this
 */
public record HoldBackSettings(Duration holdBack, int maxHeldPerInterface, Duration metadataOutOfOrderness)
        implements Serializable {}
