package dev.flowlens.jobs.kit.sinks;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * UTF-8 bytes of recent strings, for one Parquet writer: the same addresses, task ARNs and service names recur row
 * after row (the parser and the index share their instances), so each is encoded once. Bounded, cleared when full.
 */
final class EncodedStrings {
    private static final int CAPACITY = 65_536;

    private final Map<String, Binary> encoded = new HashMap<>();

    Binary of(String text) {
        Binary binary = encoded.get(text);
        if (binary == null) {
            if (encoded.size() >= CAPACITY) {
                encoded.clear();
            }
            binary = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
            encoded.put(text, binary);
        }
        return binary;
    }
}
