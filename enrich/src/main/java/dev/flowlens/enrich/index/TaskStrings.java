package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values that repeat across the tasks one {@link AttributionIndex} holds (account, region, cluster, service,
 * group, task definition, launch type, AZ, subnet, address, security groups and their list), kept once: every
 * observation arrives with its own copies of them (deserialised events, reconciler pages), and at a million tasks
 * those copies are most of the index's heap. Counted: a value is kept while a task the index holds uses it, and
 * dropped when the last such task is replaced or expires, so memory follows the index's retention. Owned by one
 * index (no static cache); not thread-safe, as the index.
 *
 * <p>A held task's security-group list is shared with the other tasks that have the same groups: it must not be
 * changed in place (nothing does; merges and copies make new lists).
 */
final class TaskStrings {
    private final Map<Object, Entry> entries = new HashMap<>();

    private static final class Entry {
        final Object value;
        int uses;

        Entry(Object value) {
            this.value = value;
        }
    }

    /** Replaces the repeating values of a task entering the index by the kept instances, counting the use. */
    void acquire(TaskState state) {
        TaskIdentity task = state.identity;
        state.lastStatus = acquire(state.lastStatus);
        task.accountId = acquire(task.accountId);
        task.region = acquire(task.region);
        task.clusterArn = acquire(task.clusterArn);
        task.clusterName = acquire(task.clusterName);
        task.serviceName = acquire(task.serviceName);
        task.group = acquire(task.group);
        task.taskDefinition = acquire(task.taskDefinition);
        task.taskDefinitionArn = acquire(task.taskDefinitionArn);
        task.launchType = acquire(task.launchType);
        task.capacityProvider = acquire(task.capacityProvider);
        task.containerInstanceArn = acquire(task.containerInstanceArn);
        task.availabilityZone = acquire(task.availabilityZone);
        task.subnetId = acquire(task.subnetId);
        task.privateIpv4 = acquire(task.privateIpv4); // the next holders of the address repeat it
        task.interfaceType = acquire(task.interfaceType);
        if (task.securityGroups != null) {
            List<String> groups = new ArrayList<>(task.securityGroups.size());
            for (String group : task.securityGroups) {
                groups.add(acquire(group));
            }
            task.securityGroups = acquire(groups);
        }
    }

    /** Counts off the uses of a task leaving the index (replaced by a merge, or expired). */
    void release(TaskState state) {
        TaskIdentity task = state.identity;
        release(state.lastStatus);
        release(task.accountId);
        release(task.region);
        release(task.clusterArn);
        release(task.clusterName);
        release(task.serviceName);
        release(task.group);
        release(task.taskDefinition);
        release(task.taskDefinitionArn);
        release(task.launchType);
        release(task.capacityProvider);
        release(task.containerInstanceArn);
        release(task.availabilityZone);
        release(task.subnetId);
        release(task.privateIpv4);
        release(task.interfaceType);
        if (task.securityGroups != null) {
            for (String group : task.securityGroups) {
                release(group);
            }
            release(task.securityGroups);
        }
    }

    /** Whether a value equal to {@code value} is kept (for tests). */
    boolean keeps(Object value) {
        return entries.containsKey(value);
    }

    /** How many distinct values are kept. */
    int size() {
        return entries.size();
    }

    @SuppressWarnings("unchecked")
    private <T> T acquire(T value) {
        if (value == null) {
            return null;
        }
        Entry entry = entries.get(value);
        if (entry == null) {
            entry = new Entry(value);
            entries.put(value, entry);
        }
        entry.uses++;
        return (T) entry.value;
    }

    private void release(Object value) {
        if (value == null) {
            return;
        }
        Entry entry = entries.get(value);
        if (entry != null && --entry.uses == 0) {
            entries.remove(value);
        }
    }
}
