package dev.flowlens.enrich.peer;

import java.io.Serializable;
import java.util.List;

/**
 * One deny or threat list as last read: its entries (addresses and CIDRs, each checked to parse) and the version
 * of its location they came from, so a reload can tell whether it changed.
 *
 * @param name the list's name, as flows carry it in {@code threat-lists}
 * @param location a local path or {@code s3://bucket/key}; {@code null} for a list given in memory, never reloaded
 * @param version what {@link ThreatListSource} saw: modification time and size, or an S3 ETag; {@code null} with
 *     no location
 */
public record ThreatList(String name, String location, String version, List<String> entries) implements Serializable {
    public ThreatList {
        entries = List.copyOf(entries);
    }

    /** A list held in memory, with no location to reload it from. */
    public static ThreatList fixed(String name, List<String> entries) {
        return new ThreatList(name, null, null, entries);
    }
}
