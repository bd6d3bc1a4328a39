/**
 * ECS Task State Change events and DescribeTasks output to {@link dev.flowlens.schemas.TaskState} observations. Plain
 * Java with Jackson; no Flink types.
 */
package dev.flowlens.enrich.events;
