package dev.flowlens.enrich.index;

/**
 * An open-addressing table of {@link Holds} by IPv4 address (as an int), without boxing. The key lives in the
 * {@code Holds} object itself, so a lookup reads one table slot and the object it needs anyway. Removal uses
 * backward-shift deletion, so no tombstones accumulate.
 */
final class Ipv4Table {
    private Holds[] slots = new Holds[16];
    private int size;

    Holds get(int key) {
        Holds[] table = slots;
        int mask = table.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            Holds holds = table[slot];
            if (holds == null || holds.ipv4 == key) {
                return holds;
            }
        }
    }

    Holds getOrCreate(int key) {
        Holds holds = get(key);
        if (holds != null) {
            return holds;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        holds = new Holds(key);
        insert(slots, holds);
        size++;
        return holds;
    }

    void remove(int key) {
        int mask = slots.length - 1;
        int slot = slot(key, mask);
        while (slots[slot] != null && slots[slot].ipv4 != key) {
            slot = (slot + 1) & mask;
        }
        if (slots[slot] == null) {
            return;
        }
        size--;
        // shift later entries of the probe run back, so lookups never stop early at a hole
        int hole = slot;
        for (int next = (hole + 1) & mask; slots[next] != null; next = (next + 1) & mask) {
            int home = slot(slots[next].ipv4, mask);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = null;
    }

    int size() {
        return size;
    }

    private void grow() {
        Holds[] old = slots;
        slots = new Holds[old.length * 2];
        for (Holds holds : old) {
            if (holds != null) {
                insert(slots, holds);
            }
        }
    }

    private static void insert(Holds[] table, Holds holds) {
        int mask = table.length - 1;
        int slot = slot(holds.ipv4, mask);
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        table[slot] = holds;
    }

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
