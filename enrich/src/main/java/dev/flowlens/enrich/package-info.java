/**
 * Attribution of both ends of a flow ({@link dev.flowlens.enrich.FlowAttributor}): a pure function of the record, the
 * task index and the peer classifier. Plain Java on schemas; no Flink types.
 */
package dev.flowlens.enrich;
