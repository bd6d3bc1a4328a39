package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * The answer of the index for one address at one instant: the owning task, or why there is none. A found answer is
 * the index's own record of the task ({@code HeldTask}, the one subclass), so a lookup allocates nothing.
 */
public class Lookup {
    private static final Map<UnattributedReason, Lookup> UNKNOWN = new EnumMap<>(UnattributedReason.class);

    static {
        for (UnattributedReason reason : UnattributedReason.values()) {
            UNKNOWN.put(reason, new Lookup(reason));
        }
    }

    private final UnattributedReason reason;

    /** {@code reason} {@code null} for a found answer, which only {@code HeldTask} is. */
    Lookup(UnattributedReason reason) {
        this.reason = reason;
    }

    public static Lookup unknown(UnattributedReason reason) {
        return UNKNOWN.get(reason);
    }

    /** The owner, or {@code null}. */
    public TaskIdentity task() {
        return null;
    }

    public boolean isFound() {
        return reason == null;
    }

    /** Why there is no owner, or {@code null} when there is one. */
    public UnattributedReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason == null ? "found " + task() : "unknown: " + reason.wireName();
    }
}
