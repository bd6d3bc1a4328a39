package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;

/**
 * The {@code TaskIdentity}s lately handed out by lookups, so that the tasks flows keep naming are made once, not per
 * lookup: a direct-mapped table of {@link #SIZE} slots by the task's serial, owned by one index (no static cache),
 * bounded whatever the index holds. A replaced or expired task's entry is never returned again (an update is a new
 * {@link HeldTask} with a new serial) and is overwritten in time. The index is single-threaded; a slot still holds
 * one immutable entry, so even a racing reader could never get another task's identity.
 */
final class IdentityCache {
    /** Slots: ~2 MB at most of identities with their own texts. */
    static final int SIZE = 4096;

    private record Entry(HeldTask task, TaskIdentity identity) {}

    private final Entry[] entries = new Entry[SIZE];

    TaskIdentity identityOf(HeldTask task) {
        int slot = task.serial & (SIZE - 1);
        Entry entry = entries[slot];
        if (entry != null && entry.task == task) {
            return entry.identity;
        }
        TaskIdentity identity = task.identity();
        entries[slot] = new Entry(task, identity);
        return identity;
    }
}
