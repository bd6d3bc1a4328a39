package dev.flowlens.detect;

import java.util.Iterator;
import java.util.Map;

/** Helpers for the bounded "key → last-seen event time" maps the baselines are made of. */
final class LastSeen {
    private LastSeen() {}

    /** Records {@code key} as seen at {@code time}, then evicts the least recently seen keys beyond {@code cap}. */
    static void touch(Map<String, Long> seen, String key, long time, int cap) {
        seen.merge(key, time, Math::max);
        while (seen.size() > cap) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, Long> entry : seen.entrySet()) {
                if (entry.getValue() < oldestTime) {
                    oldest = entry.getKey();
                    oldestTime = entry.getValue();
                }
            }
            seen.remove(oldest);
        }
    }

    /** Removes the keys last seen {@code retentionSeconds} or more before {@code now}. */
    static void expire(Map<String, Long> seen, long now, long retentionSeconds) {
        Iterator<Map.Entry<String, Long>> entries = seen.entrySet().iterator();
        while (entries.hasNext()) {
            if (now - entries.next().getValue() >= retentionSeconds) {
                entries.remove();
            }
        }
    }
}
