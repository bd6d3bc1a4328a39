package dev.flowlens.enrich.peer;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Threat lists that follow their files or S3 objects: at most once per {@code refresh} of the caller's clock each
 * list with a location is loaded again, conditionally, so an unchanged one is neither read nor parsed. A changed
 * list that parses replaces the old one; one that cannot be read or parsed leaves the old one in place. Not
 * thread-safe: one per operator instance.
 */
public final class ReloadingThreatLists {
    /** Hears what a refresh did, list by list (for logs and metrics). */
    public interface Listener {
        /** {@code list} changed at its location and its new entries are in use. */
        void reloaded(ThreatList list);

        /** {@code list} could not be read or parsed; its previous entries stay in use. */
        void failed(ThreatList previous, Exception cause);
    }

    private final Map<String, ThreatList> lists = new LinkedHashMap<>();
    private final ThreatListSource source;
    private final long refreshMillis;
    private final Listener listener;
    private long lastRead;

    /**
     * @param initial the lists as first read (in their order); those without a location are kept as they are
     * @param nowMillis the clock's time of that read
     */
    public ReloadingThreatLists(List<ThreatList> initial, ThreatListSource source, Duration refresh, long nowMillis,
            Listener listener) {
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("the threat lists' refresh interval must be positive: " + refresh);
        }
        for (ThreatList list : initial) {
            lists.put(list.name(), list);
        }
        this.source = source;
        this.refreshMillis = refresh.toMillis();
        this.listener = listener;
        this.lastRead = nowMillis;
    }

    /**
     * Loads the lists again when {@code refresh} has passed since the last time; cheap otherwise (one compare).
     * The clock is the caller's (an operator's processing time), passed in so that tests can drive it.
     *
     * @return whether any list was replaced
     */
    public boolean refreshIfDue(long nowMillis) {
        if (nowMillis - lastRead < refreshMillis) {
            return false;
        }
        lastRead = nowMillis;
        boolean replaced = false;
        for (Map.Entry<String, ThreatList> entry : lists.entrySet()) {
            ThreatList previous = entry.getValue();
            if (previous.location() == null) {
                continue;
            }
            try {
                ThreatListSource.Content content = source.load(previous.location(), previous.version());
                if (content == null) {
                    continue; // unchanged: not read, not parsed
                }
                ThreatList loaded = ThreatLists.parse(previous.name(), previous.location(), content);
                entry.setValue(loaded);
                replaced = true;
                listener.reloaded(loaded);
            } catch (IOException | RuntimeException e) {
                listener.failed(previous, e);
            }
        }
        return replaced;
    }

    /** The entries in use: list name to its addresses and CIDRs, in the configured order. */
    public Map<String, List<String>> entries() {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        lists.forEach((name, list) -> entries.put(name, list.entries()));
        return entries;
    }
}
