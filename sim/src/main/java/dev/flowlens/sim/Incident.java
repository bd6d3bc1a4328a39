package dev.flowlens.sim;

import dev.flowlens.schemas.alert.AlertKind;
import java.util.List;

/**
 * An injected incident: what happened (the kind of alert that should report it), which catalogue entry made it, from
 * which tasks, when (epoch seconds, {@code [start, end)}), to whom, and what else it truly is.
 *
 * @param kind the primary alert kind: the detector of this kind should raise it, and recall counts it there
 * @param variant the catalogue entry that made it: {@link #BASE} for the base set, else an
 *     {@link IncidentCatalogue} variant's name
 * @param taskIds the tasks involved, at least one (the victim for a reject storm and for an unknown workload's
 *     traffic); several when the incident is spread over tasks of one service
 * @param peer the external address or the target, as text
 * @param implied the other kinds the incident also is, judged by the simulator from its flows against the service's
 *     normal traffic (never the primary kind): an alert of one of them on the incident is true, but does not count
 *     for that kind's recall
 */
public record Incident(AlertKind kind, String variant, List<String> taskIds, long start, long end, String peer,
        List<AlertKind> implied) {
    /** The variant name of the base set's incidents. */
    public static final String BASE = "base";

    public Incident {
        if (taskIds.isEmpty()) {
            throw new IllegalArgumentException("an incident involves at least one task");
        }
        taskIds = List.copyOf(taskIds);
        implied = List.copyOf(implied);
    }

    /** A base-set incident of one task, with no implied kinds. */
    public Incident(AlertKind kind, String taskId, long start, long end, String peer) {
        this(kind, BASE, List.of(taskId), start, end, peer, List.of());
    }

    /** The first task: the only one unless the incident is spread over several. */
    public String taskId() {
        return taskIds.get(0);
    }

    /** Whether an alert of {@code alertKind} describes this incident truly: its primary kind or an implied one. */
    public boolean is(AlertKind alertKind) {
        return kind == alertKind || implied.contains(alertKind);
    }

    Incident withImplied(List<AlertKind> kinds) {
        return new Incident(kind, variant, taskIds, start, end, peer, kinds);
    }
}
