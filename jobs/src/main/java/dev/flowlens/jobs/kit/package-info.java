/**
 * What every job shares: options declared once ({@link dev.flowlens.jobs.kit.JobOption}) and the configuration that
 * reads them, runtime modes, event time, the dead-letter side output, Flink file systems for embedded runs, AWS
 * settings. Flink and schemas; knows no job.
 */
package dev.flowlens.jobs.kit;
