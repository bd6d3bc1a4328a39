/**
 * The contracts every module shares: the flow-log record and its fields, task identity and state, the enriched flow
 * and how each end was attributed, dead letters with origin and reason. Plain Java on the JDK alone, no Flink types
 * and nothing of ours; types that cross Flink operators are POJOs so Flink serializes them without Kryo.
 */
package dev.flowlens.schemas;
