package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.util.EnumMap;
import java.util.Map;

/** The answer of the index for one address at one instant: the owning task, or why there is none. */
public final class Lookup {
    private static final Map<UnattributedReason, Lookup> UNKNOWN = new EnumMap<>(UnattributedReason.class);

    static {
        for (UnattributedReason reason : UnattributedReason.values()) {
            UNKNOWN.put(reason, new Lookup(null, reason));
        }
    }

    private final TaskIdentity task;
    private final UnattributedReason reason;

    private Lookup(TaskIdentity task, UnattributedReason reason) {
        this.task = task;
        this.reason = reason;
    }

    static Lookup found(TaskIdentity task) {
        return new Lookup(task, null);
    }

    public static Lookup unknown(UnattributedReason reason) {
        return UNKNOWN.get(reason);
    }

    /** The owner, or {@code null}. */
    public TaskIdentity task() {
        return task;
    }

    public boolean isFound() {
        return task != null;
    }

    /** Why there is no owner, or {@code null} when there is one. */
    public UnattributedReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return task != null ? "found " + task : "unknown: " + reason.wireName();
    }
}
