package dev.flowlens.sim;

import java.util.Locale;

/** Which incidents a scenario injects: the base set, the variants of the incident catalogue, or both. */
public enum IncidentSet {
    /** One incident of each kind but {@code new-external-destination}, as the simulator has always made them. */
    BASE,
    /** The catalogue's variants ({@link IncidentCatalogue}): other rates, ports, peers and spreads of each kind. */
    VARIANTS,
    /** The base set and the variants, each on its own task. */
    ALL;

    /** The shortest period the variants fit in: the longest, exfiltration spread over hours, lasts up to 3 hours. */
    public static final int VARIANTS_MINUTES = 240;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean hasBase() {
        return this != VARIANTS;
    }

    public boolean hasVariants() {
        return this != BASE;
    }

    /** The set of a wire name ({@code base}, {@code variants}, {@code all}). */
    public static IncidentSet fromWireName(String name) {
        for (IncidentSet set : values()) {
            if (set.wireName().equals(name)) {
                return set;
            }
        }
        throw new IllegalArgumentException("unknown incident set '" + name + "': use base, variants or all");
    }
}
