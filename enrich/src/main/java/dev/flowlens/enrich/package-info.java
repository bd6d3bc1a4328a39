/** The ECS task-metadata index and attribution of flows to tasks (see the attribution-index issue). */
package dev.flowlens.enrich;
