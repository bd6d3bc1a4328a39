package dev.flowlens.detect;

import dev.flowlens.schemas.TaskIdentity;

/**
 * The unit baselines are learned for: an ECS service, or for a standalone task its task definition's family (the
 * tasks of one family run the same code). Tasks come and go in minutes; their service stays.
 */
public final class ServiceKeys {
    private ServiceKeys() {}

    /** {@code account/cluster/service:name} or {@code account/cluster/family:name}. */
    public static String of(TaskIdentity task) {
        String cluster = task.clusterName != null ? task.clusterName : String.valueOf(task.clusterArn);
        String unit = task.serviceName != null ? "service:" + task.serviceName : "family:" + family(task);
        return task.accountId + "/" + cluster + "/" + unit;
    }

    /** The family of the task's definition ({@code family:revision} without the revision). */
    static String family(TaskIdentity task) {
        String definition = task.taskDefinition;
        if (definition == null) {
            return task.group != null ? task.group : "unknown";
        }
        int colon = definition.lastIndexOf(':');
        return colon < 0 ? definition : definition.substring(0, colon);
    }
}
