package dev.flowlens.enrich;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.List;

/** Small builders of task observations for tests. Times are epoch millis. */
public final class Tasks {
    public static final String ACCOUNT = "111122223333";

    private Tasks() {}

    public static TaskIdentity task(String id, String service, String ipv4, String eni, Long createdAt,
            Long stoppedAt) {
        TaskIdentity task = new TaskIdentity();
        task.accountId = ACCOUNT;
        task.region = "us-east-1";
        task.clusterArn = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/prod";
        task.clusterName = "prod";
        task.serviceName = service;
        task.group = service == null ? "family:batch" : "service:" + service;
        task.taskArn = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/prod/" + id;
        task.taskId = id;
        task.taskDefinition = (service == null ? "batch" : service) + ":7";
        task.launchType = "FARGATE";
        task.availabilityZone = "us-east-1a";
        task.subnetId = "subnet-0a";
        task.eniId = eni;
        task.privateIpv4 = ipv4;
        task.securityGroups = List.of("sg-0" + (service == null ? "batch" : service));
        task.interfaceType = "interface";
        task.createdAt = createdAt;
        task.startedAt = createdAt == null ? null : createdAt + 20_000;
        task.stoppedAt = stoppedAt;
        return task;
    }

    public static TaskState observed(TaskIdentity task, long version, String status, long observedAt) {
        return TaskState.of(task, version, status, observedAt);
    }
}
