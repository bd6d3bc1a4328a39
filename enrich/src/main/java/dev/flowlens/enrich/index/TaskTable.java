package dev.flowlens.enrich.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * An open-addressing table of {@link HeldTask}s by a key the task itself holds (its ARN, or its ENI id), so the key
 * costs no text and no entry object: one reference per slot, at most half the slots used. Removal uses
 * backward-shift deletion, so no tombstones accumulate. The subclasses say how a key is hashed and matched.
 */
abstract class TaskTable {
    private HeldTask[] slots = new HeldTask[16];
    private int size;
    private final ToIntFunction<HeldTask> hash;

    TaskTable(ToIntFunction<HeldTask> hash) {
        this.hash = hash;
    }

    int size() {
        return size;
    }

    /** The slots to probe for {@code keyHash}: the first, then each next one until an empty slot. */
    final HeldTask[] slots() {
        return slots;
    }

    static int home(int keyHash, int mask) {
        int h = keyHash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** Puts {@code task} in the slot {@code found} (a task with the same key, replaced) or a new one. */
    final void put(HeldTask task, int found) {
        if (found >= 0) {
            slots[found] = task;
            return;
        }
        if (2 * (size + 1) > slots.length) {
            HeldTask[] old = slots;
            slots = new HeldTask[old.length * 2];
            for (HeldTask held : old) {
                if (held != null) {
                    insert(held);
                }
            }
        }
        insert(task);
        size++;
    }

    private void insert(HeldTask task) {
        int mask = slots.length - 1;
        int slot = home(hash.applyAsInt(task), mask);
        while (slots[slot] != null) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = task;
    }

    /** Removes the task in slot {@code slot}. */
    final void removeAt(int slot) {
        int mask = slots.length - 1;
        size--;
        // shift later entries of the probe run back, so lookups never stop early at a hole
        int hole = slot;
        for (int next = (hole + 1) & mask; slots[next] != null; next = (next + 1) & mask) {
            int home = home(hash.applyAsInt(slots[next]), mask);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = null;
    }

    /** The tasks held, in slot order (a copy). */
    final List<HeldTask> values() {
        List<HeldTask> values = new ArrayList<>(size);
        for (HeldTask task : slots) {
            if (task != null) {
                values.add(task);
            }
        }
        return values;
    }

    /** The tasks by ARN. */
    static final class ByArn extends TaskTable {
        ByArn() {
            super(HeldTask::arnHash);
        }

        HeldTask get(String taskArn) {
            int slot = find(taskArn);
            return slot < 0 ? null : slots()[slot];
        }

        /** The slot of the task with {@code taskArn}, or -1. */
        int find(String taskArn) {
            int idStart = taskArn.lastIndexOf('/') + 1;
            int form = TaskIds.idForm(taskArn, idStart, taskArn.length());
            HeldTask[] table = slots();
            int mask = table.length - 1;
            for (int slot = home(HeldTask.arnHash(taskArn, idStart, form), mask); ; slot = (slot + 1) & mask) {
                HeldTask task = table[slot];
                if (task == null) {
                    return -1;
                }
                if (task.hasArn(taskArn, idStart, form)) {
                    return slot;
                }
            }
        }

        /** Puts {@code task}, replacing the task with its ARN. */
        void put(HeldTask task, String taskArn) {
            put(task, find(taskArn));
        }

        void remove(String taskArn) {
            int slot = find(taskArn);
            if (slot >= 0) {
                removeAt(slot);
            }
        }
    }

    /** The tasks by ENI id: an ENI is created for one task and deleted with it, so each has a single hold. */
    static final class ByEni extends TaskTable {
        ByEni() {
            super(HeldTask::eniHash);
        }

        HeldTask get(String eniId) {
            int slot = find(eniId);
            return slot < 0 ? null : slots()[slot];
        }

        int find(String eniId) {
            int bits = TaskIds.eniBits(eniId);
            long low = bits == TaskIds.ENI_TEXT ? 0 : TaskIds.eniLow(eniId);
            int keyHash = bits == TaskIds.ENI_TEXT ? eniId.hashCode() : HeldTask.eniHash(bits, low);
            HeldTask[] table = slots();
            int mask = table.length - 1;
            for (int slot = home(keyHash, mask); ; slot = (slot + 1) & mask) {
                HeldTask task = table[slot];
                if (task == null) {
                    return -1;
                }
                if (task.hasEni(eniId, bits, low)) {
                    return slot;
                }
            }
        }

        /** Puts {@code task} as the holder of its ENI {@code eniId}; returns the task it replaced, or {@code null}. */
        HeldTask put(HeldTask task, String eniId) {
            int slot = find(eniId);
            HeldTask previous = slot < 0 ? null : slots()[slot];
            put(task, slot);
            return previous;
        }

        /** Removes the hold of ENI {@code eniId} when {@code task} is its holder; returns whether it was. */
        boolean remove(String eniId, HeldTask task) {
            int slot = find(eniId);
            if (slot >= 0 && slots()[slot] == task) {
                removeAt(slot);
                return true;
            }
            return false;
        }
    }
}
