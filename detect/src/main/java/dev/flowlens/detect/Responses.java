package dev.flowlens.detect;

import dev.flowlens.schemas.TaskIdentity;

/**
 * Suggested responses that work for the kind of task: a task's ENI is requester-managed by ECS, so its security
 * groups cannot be changed on the ENI (EC2 refuses ModifyNetworkInterfaceAttribute); a service's groups change with
 * UpdateService, a standalone task's only by running it again. Suggested, never executed.
 */
public final class Responses {
    private Responses() {}

    /** Contain a task that may be compromised: isolate it, keep it for forensics, then replace it. */
    public static String containTask(TaskIdentity task) {
        if (task == null) {
            return "Find the workload using the address (aws ec2 describe-network-interfaces --filters "
                    + "Name=addresses.private-ip-address,Values=<address>) and block it with the subnet's network ACL.";
        }
        if (task.serviceName != null) {
            return "Stop task " + task.taskArn + " (aws ecs stop-task) after capturing what you need; its ENI is "
                    + "managed by ECS, so to change the groups run aws ecs update-service --service "
                    + task.serviceName + " --network-configuration with isolating security groups "
                    + "(--force-new-deployment replaces every task with them).";
        }
        return "Stop task " + task.taskArn + " (aws ecs stop-task) after capturing what you need; a standalone task's "
                + "security groups cannot be changed on its ECS-managed ENI, so run it again with other groups "
                + "(aws ecs run-task --network-configuration).";
    }

    /** Block an external peer for the service: a deny entry in the subnet's network ACL acts at once. */
    public static String blockPeer(TaskIdentity task, String peer) {
        String scope = task != null && task.serviceName != null ? "service " + task.serviceName : "the task";
        return "If " + peer + " is not a known dependency of " + scope + ", deny it with a network ACL entry on the "
                + "task subnets (aws ec2 create-network-acl-entry --rule-action deny) and remove it from the "
                + "security groups' egress rules; " + containTask(task);
    }

    /** Check before acting: the traffic may be a legitimate change (a release, a new dependency). */
    public static String review(TaskIdentity task, String what) {
        String owner = task != null && task.serviceName != null ? "service " + task.serviceName
                : task != null ? "task definition " + task.taskDefinition : "the workload";
        return "Ask the owners of " + owner + " whether " + what + " is expected (a release or a new dependency); "
                + "if not, " + lowerFirst(containTask(task));
    }

    private static String lowerFirst(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
