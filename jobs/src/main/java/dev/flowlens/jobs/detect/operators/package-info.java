/** The detection job's Flink operators: thin wrappers around {@link dev.flowlens.detect.Detection}. */
package dev.flowlens.jobs.detect.operators;
