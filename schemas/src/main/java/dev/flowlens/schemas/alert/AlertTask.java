package dev.flowlens.schemas.alert;

import dev.flowlens.schemas.TaskIdentity;
import java.util.ArrayList;
import java.util.List;

/** A task an alert is about: enough to find it and to act on it (stop it, or change its service's groups). */
public class AlertTask {
    public String taskArn;
    public String taskId;
    /** {@code family:revision}. */
    public String taskDefinition;
    /** The task's ENI (a branch ENI on a trunked instance). */
    public String eniId;
    /** The task's address in the flows in evidence. */
    public String address;
    /** Security groups of the task's ENI; {@code null} when unknown. */
    public List<String> securityGroups;

    public AlertTask() {}

    /** The alert's view of {@code task}, which used {@code address}. */
    public static AlertTask of(TaskIdentity task, String address) {
        AlertTask alerted = new AlertTask();
        alerted.taskArn = task.taskArn;
        alerted.taskId = task.taskId;
        alerted.taskDefinition = task.taskDefinition;
        alerted.eniId = task.eniId;
        alerted.address = address;
        alerted.securityGroups = task.securityGroups == null ? null : new ArrayList<>(task.securityGroups);
        return alerted;
    }
}
