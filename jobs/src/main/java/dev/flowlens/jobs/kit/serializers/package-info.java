/**
 * Explicit Flink serializers for the records on hot edges and in large state, so that neither reflection nor Kryo
 * runs per record: {@link dev.flowlens.jobs.kit.serializers.FlowRecordSerializer} (with its snapshot, which migrates
 * state written by Flink's {@code PojoSerializer}) and its {@link dev.flowlens.jobs.kit.serializers.FlowRecordTypeInfo}.
 */
package dev.flowlens.jobs.kit.serializers;
