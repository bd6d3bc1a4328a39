/**
 * Builders of the contracts' records for tests: {@link dev.flowlens.testkit.Flows#flow()} for a
 * {@code FlowRecord}, {@link dev.flowlens.testkit.TaskStates#task(String)} for a {@code TaskState} and its
 * {@code TaskIdentity}, {@link dev.flowlens.testkit.EnrichedFlows#enriched(dev.flowlens.schemas.FlowRecord)} for an
 * {@code EnrichedFlow}. Each builder starts from valid defaults in one test account ({@link
 * dev.flowlens.testkit.TestAccount}), so a test states only what it is about; every {@code build()} returns a new
 * object, so a builder can be reused for variants.
 *
 * <p>May use {@code dev.flowlens.schemas} only: no Flink (that is {@code dev.flowlens.testkit.flink}), no logic
 * modules, so every module's tests can use it.
 *
 * <p>To come: the {@code Alert} builder belongs here, added together with the {@code Alert} record in
 * {@code schemas}.
 */
package dev.flowlens.testkit;
