package dev.flowlens.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * How well flows were attributed against the ground truth, counted per end of a flow (two per record): for
 * Flowlens's output and for the naive IP-only join over the same data, overall and per situation tag.
 */
public final class Evaluation {
    /** Outcome counts of one join: {@code correct}, {@code wrong}, {@code unattributed:<reason>}. */
    public static final class Counts {
        public final Map<String, Long> outcomes = new TreeMap<>();
        public long ends;
        /** Ends given to a task of another account than the truth's (the true task's, else the record's). */
        public long crossAccount;

        void add(String outcome) {
            ends++;
            outcomes.merge(outcome, 1L, Long::sum);
        }

        public long correct() {
            return outcomes.getOrDefault("correct", 0L);
        }

        public long wrong() {
            return outcomes.getOrDefault("wrong", 0L);
        }

        public long unattributed() {
            return ends - correct() - wrong();
        }

        public double share(long count) {
            return ends == 0 ? 0 : 100.0 * count / ends;
        }
    }

    public final Counts flowlens = new Counts();
    public final Counts naive = new Counts();
    /** Per situation tag ({@code reused-ip}, {@code trunked}, {@code late-event}, {@code lost-event}, ...). */
    public final Map<String, Counts> flowlensBySituation = new TreeMap<>();
    public final Map<String, Counts> naiveBySituation = new TreeMap<>();
    /** Ends of the enriched flows by attribution method ({@code eni}, {@code ip-time}, ..., {@code unattributed}). */
    public final Map<String, Long> attributionMethods = new TreeMap<>();
    /**
     * Security groups of the ends whose true owner is a task, against that task's true groups: {@code correct} (the
     * same set), {@code wrong} (another set, or groups on an end that is no task), {@code unknown} (no groups: the end
     * has no task, or its task's groups are {@code null}).
     */
    public final Counts securityGroups = new Counts();
    /** Ends of the enriched flows with a task, and those of them whose task has groups (not {@code null}). */
    public long taskEnds;
    public long taskEndsWithGroups;

    /** The share of task ends whose groups are known, in percent. */
    public double groupsKnownShare() {
        return taskEnds == 0 ? 0 : 100.0 * taskEndsWithGroups / taskEnds;
    }

    /** Truth records with no enriched flow, and enriched flows with no truth record. */
    public long missing;
    public long unexpected;
    public long records;
}
