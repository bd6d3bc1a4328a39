package dev.flowlens.enrich.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values that repeat across the tasks one {@link AttributionIndex} holds (account, region, cluster, service,
 * group, task definition, launch type, AZ, subnet, VPC, address, status, the ARNs' prefix, security groups and their
 * list), kept once: every observation arrives with its own copies of them (deserialised events, reconciler pages),
 * and at a million tasks those copies are most of the index's heap. Counted: a value is kept while a task the index holds uses it, and
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

    /**
     * The kept instance of a repeating value of a task entering the index ({@link HeldTask} calls this for each),
     * counting the use; {@code null} stays {@code null}.
     */
    String acquire(String value) {
        return acquireValue(value);
    }

    /** The kept list of these security groups (each group kept too), counting the use; {@code null} stays. */
    List<String> acquireGroups(List<String> securityGroups) {
        if (securityGroups == null) {
            return null;
        }
        List<String> groups = new ArrayList<>(securityGroups.size());
        for (String group : securityGroups) {
            groups.add(acquireValue(group));
        }
        return acquireValue(groups);
    }

    /** Counts off a use of a kept value by a task leaving the index (replaced by a merge, or expired). */
    void release(String value) {
        releaseValue(value);
    }

    void releaseGroups(List<String> securityGroups) {
        if (securityGroups != null) {
            for (String group : securityGroups) {
                releaseValue(group);
            }
            releaseValue(securityGroups);
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
    private <T> T acquireValue(T value) {
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

    private void releaseValue(Object value) {
        if (value == null) {
            return;
        }
        Entry entry = entries.get(value);
        if (entry != null && --entry.uses == 0) {
            entries.remove(value);
        }
    }
}
