package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.Objects;

/**
 * Merging two observations of one task so that the order they arrive in does not matter: the one with the higher
 * ECS {@code version} wins where both know a field, and either fills what the other does not know (an older
 * RUNNING event still contributes the ENI details a STOPPED event lacks; EC2 adds security groups ECS never reports).
 * Security groups the ENI's own description gives ({@link TaskState#groupsFromEni}) replace those taken from the
 * service's awsvpc configuration, whichever came first: the service's are a stand-in until the ENI is described.
 *
 * <p>Filling is only for facts fixed for the task's life (cluster, ENI, VPC, addresses, groups, creation and
 * start times). The task's state, its status and {@code stoppedAt}, comes from the newest version alone: ECS raises the
 * version with every state change, so a newer observation without {@code stoppedAt} says the task had not stopped
 * as of a later change, and an older observation's {@code stoppedAt} must not end its hold.
 */
final class TaskMerge {
    private TaskMerge() {}

    static TaskState merge(TaskState existing, TaskState observed) {
        boolean observedWins = observed.version > existing.version;
        TaskState winner = observedWins ? observed : existing;
        TaskState other = observedWins ? existing : observed;
        TaskState merged = winner.copy();
        fill(merged.identity, other.identity);
        TaskState groups = groupsSource(winner, other);
        merged.identity.securityGroups = groups.identity.securityGroups == null ? null
                : new java.util.ArrayList<>(groups.identity.securityGroups);
        merged.groupsFromEni = groups.groupsFromEni;
        if (existing.version == observed.version) { // the same state, seen twice: either may know more of it
            merged.identity.stoppedAt = first(merged.identity.stoppedAt, other.identity.stoppedAt);
            merged.lastStatus = first(merged.lastStatus, other.lastStatus);
        }
        merged.version = Math.max(existing.version, observed.version);
        merged.observedAt = Math.max(existing.observedAt, observed.observedAt);
        // whether that newest observation was the reconciler's, at wall-clock time (not event time)
        merged.current = observed.observedAt >= existing.observedAt ? observed.current : existing.current;
        return merged;
    }

    static boolean same(TaskState a, TaskState b) {
        return a.version == b.version && a.observedAt == b.observedAt && a.current == b.current
                && a.groupsFromEni == b.groupsFromEni
                && Objects.equals(a.lastStatus, b.lastStatus)
                && a.identity.equals(b.identity);
    }

    /** Sets every fixed fact of {@code into} that is unknown from {@code from} (not the state: see above). */
    private static void fill(TaskIdentity into, TaskIdentity from) {
        into.accountId = first(into.accountId, from.accountId);
        into.region = first(into.region, from.region);
        into.clusterArn = first(into.clusterArn, from.clusterArn);
        into.clusterName = first(into.clusterName, from.clusterName);
        into.serviceName = first(into.serviceName, from.serviceName);
        into.group = first(into.group, from.group);
        into.taskId = first(into.taskId, from.taskId);
        into.taskDefinition = first(into.taskDefinition, from.taskDefinition);
        into.taskDefinitionArn = first(into.taskDefinitionArn, from.taskDefinitionArn);
        into.launchType = first(into.launchType, from.launchType);
        into.capacityProvider = first(into.capacityProvider, from.capacityProvider);
        into.containerInstanceArn = first(into.containerInstanceArn, from.containerInstanceArn);
        into.availabilityZone = first(into.availabilityZone, from.availabilityZone);
        into.subnetId = first(into.subnetId, from.subnetId);
        into.vpcId = first(into.vpcId, from.vpcId);
        into.eniId = first(into.eniId, from.eniId);
        into.macAddress = first(into.macAddress, from.macAddress);
        into.privateIpv4 = first(into.privateIpv4, from.privateIpv4);
        into.ipv6 = first(into.ipv6, from.ipv6);
        into.interfaceType = first(into.interfaceType, from.interfaceType);
        into.createdAt = earliest(into.createdAt, from.createdAt);
        into.startedAt = first(into.startedAt, from.startedAt);
    }

    /**
     * Whose groups the merged task keeps: an ENI's description over a service's configuration; else the winner's,
     * unless it knows none and the other does.
     */
    private static TaskState groupsSource(TaskState winner, TaskState other) {
        if (known(winner) && winner.groupsFromEni) {
            return winner;
        }
        if (known(other) && other.groupsFromEni) {
            return other;
        }
        if (known(winner) || other.identity.securityGroups == null) {
            return winner;
        }
        return other;
    }

    private static boolean known(TaskState state) {
        return state.identity.securityGroups != null && !state.identity.securityGroups.isEmpty();
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
