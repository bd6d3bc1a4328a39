package dev.flowlens.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who an ECS task is, as far as network attribution needs: where it runs, what it belongs to, and the ENI that held
 * its addresses. Times are epoch milliseconds; {@code null} when not (yet) known.
 */
public class TaskIdentity {
    public String accountId;
    public String region;
    public String clusterArn;
    public String clusterName;
    /** The ECS service, from {@code group = service:NAME}; {@code null} for standalone tasks. */
    public String serviceName;
    /** The task's group as ECS reports it: {@code service:NAME} or {@code family:NAME}. */
    public String group;
    public String taskArn;
    public String taskId;
    /** {@code family:revision}. */
    public String taskDefinition;
    public String taskDefinitionArn;
    /** {@code FARGATE}, {@code EC2} or {@code EXTERNAL}. */
    public String launchType;
    public String capacityProvider;
    public String containerInstanceArn;
    public String availabilityZone;
    public String subnetId;
    /**
     * The VPC of the task's ENI, where known: ECS task events do not carry it; EC2 (the ENI or subnet description,
     * the reconciler, an export) does. Addresses are unique only within a VPC, so the index scopes holds by it.
     * Not part of the enriched dataset's columns.
     */
    public String vpcId;
    public String eniId;
    public String macAddress;
    public String privateIpv4;
    public String ipv6;
    /**
     * Security groups of the task's ENI, from EC2 (ECS does not report them per task) or the service's awsvpc
     * configuration; {@code null} while no source has told them (unknown), empty only when the ENI has none.
     */
    public List<String> securityGroups;
    /** {@code interface}, or {@code branch} for a task on a trunked container instance. */
    public String interfaceType;
    public Long createdAt;
    public Long startedAt;
    public Long stoppedAt;

    public TaskIdentity() {}

    /** A copy whose lists can be changed without touching this one. */
    public TaskIdentity copy() {
        TaskIdentity copy = new TaskIdentity();
        copy.accountId = accountId;
        copy.region = region;
        copy.clusterArn = clusterArn;
        copy.clusterName = clusterName;
        copy.serviceName = serviceName;
        copy.group = group;
        copy.taskArn = taskArn;
        copy.taskId = taskId;
        copy.taskDefinition = taskDefinition;
        copy.taskDefinitionArn = taskDefinitionArn;
        copy.launchType = launchType;
        copy.capacityProvider = capacityProvider;
        copy.containerInstanceArn = containerInstanceArn;
        copy.availabilityZone = availabilityZone;
        copy.subnetId = subnetId;
        copy.vpcId = vpcId;
        copy.eniId = eniId;
        copy.macAddress = macAddress;
        copy.privateIpv4 = privateIpv4;
        copy.ipv6 = ipv6;
        copy.securityGroups = securityGroups == null ? null : new ArrayList<>(securityGroups);
        copy.interfaceType = interfaceType;
        copy.createdAt = createdAt;
        copy.startedAt = startedAt;
        copy.stoppedAt = stoppedAt;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TaskIdentity)) {
            return false;
        }
        TaskIdentity t = (TaskIdentity) o;
        return Objects.equals(accountId, t.accountId) && Objects.equals(region, t.region)
                && Objects.equals(clusterArn, t.clusterArn) && Objects.equals(clusterName, t.clusterName)
                && Objects.equals(serviceName, t.serviceName) && Objects.equals(group, t.group)
                && Objects.equals(taskArn, t.taskArn) && Objects.equals(taskId, t.taskId)
                && Objects.equals(taskDefinition, t.taskDefinition)
                && Objects.equals(taskDefinitionArn, t.taskDefinitionArn) && Objects.equals(launchType, t.launchType)
                && Objects.equals(capacityProvider, t.capacityProvider)
                && Objects.equals(containerInstanceArn, t.containerInstanceArn)
                && Objects.equals(availabilityZone, t.availabilityZone) && Objects.equals(subnetId, t.subnetId)
                && Objects.equals(vpcId, t.vpcId)
                && Objects.equals(eniId, t.eniId) && Objects.equals(macAddress, t.macAddress)
                && Objects.equals(privateIpv4, t.privateIpv4) && Objects.equals(ipv6, t.ipv6)
                && Objects.equals(securityGroups, t.securityGroups) && Objects.equals(interfaceType, t.interfaceType)
                && Objects.equals(createdAt, t.createdAt) && Objects.equals(startedAt, t.startedAt)
                && Objects.equals(stoppedAt, t.stoppedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskArn, eniId, privateIpv4);
    }

    @Override
    public String toString() {
        return "TaskIdentity{" + (serviceName != null ? serviceName : group) + " " + taskId + " " + privateIpv4
                + " " + eniId + " [" + createdAt + ", " + stoppedAt + ")}";
    }
}
