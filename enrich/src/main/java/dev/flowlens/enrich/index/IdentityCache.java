package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;

/**
 * The {@code TaskIdentity}s lately handed out by lookups, so that the tasks flows keep naming are made once, not per
 * lookup: a direct-mapped table of {@link #SIZE} slots by the task's serial, owned by one index (no static cache),
 * bounded whatever the index holds. A replaced or expired task's entry is never returned again (an update is a new
 * {@link HeldTask} with a new serial) and is overwritten in time. Not thread-safe, as the index.
 */
final class IdentityCache {
    /** Slots: ~2 MB at most of identities with their own texts. */
    static final int SIZE = 4096;

    private final HeldTask[] tasks = new HeldTask[SIZE];
    private final TaskIdentity[] identities = new TaskIdentity[SIZE];

    TaskIdentity identityOf(HeldTask task) {
        int slot = task.serial & (SIZE - 1);
        if (tasks[slot] == task) {
            return identities[slot];
        }
        TaskIdentity identity = task.identity();
        tasks[slot] = task;
        identities[slot] = identity;
        return identity;
    }
}
