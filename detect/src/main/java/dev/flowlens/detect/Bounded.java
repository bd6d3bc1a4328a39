package dev.flowlens.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Keeps per-service maps within their caps, dropping the entries seen longest ago. */
final class Bounded {
    private Bounded() {}

    static <V> void evictOldest(Map<String, V> map, int cap, ToLongFunction<V> lastSeen) {
        int excess = map.size() - cap;
        if (excess <= 0) {
            return;
        }
        List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
        entries.sort((a, b) -> Long.compare(lastSeen.applyAsLong(a.getValue()), lastSeen.applyAsLong(b.getValue())));
        for (int i = 0; i < excess; i++) {
            map.remove(entries.get(i).getKey());
        }
    }
}
