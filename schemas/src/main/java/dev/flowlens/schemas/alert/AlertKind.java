package dev.flowlens.schemas.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * What an alert says happened: one kind per detector. The wire name is the kind in JSON, in the simulator's incident
 * truth and in {@code flowlens evaluate}'s scores.
 */
public enum AlertKind {
    NEW_EXTERNAL_DESTINATION("new-external-destination",
            "a service talks to an internet address or prefix it did not use during its learned baseline"),
    EXFILTRATION("exfiltration", "bytes out of a service or a task far above the service's own baseline"),
    PORT_SCAN("port-scan", "a task reaches many destination ports on one host within a window"),
    NETWORK_SWEEP("network-sweep", "a task reaches one port on many hosts within a window"),
    REJECT_STORM("reject-storm", "a burst of rejected connections from or to a task"),
    THREAT_LIST_MATCH("threat-list-match", "a task talks to an address on a configured deny or threat list"),
    UNUSUAL_PORT("unusual-port",
            "egress on a port the service never used (SSH, RDP, IRC, mining-pool and reverse-shell ports)"),
    BEACONING("beaconing", "regular connections to one external address with low jitter"),
    UNKNOWN_WORKLOAD("unknown-workload",
            "traffic from a task-subnet address no task held, or v7 fields that disagree with the index");

    private final String wireName;
    private final String meaning;

    AlertKind(String wireName, String meaning) {
        this.wireName = wireName;
        this.meaning = meaning;
    }

    /** The kebab-case name in JSON ({@code port-scan}). */
    public String wireName() {
        return wireName;
    }

    /** What the kind means, in one line (as {@code schemas/alert.md} shows it). */
    public String meaning() {
        return meaning;
    }

    /** The kind with this wire name; an {@link IllegalArgumentException} naming the known ones otherwise. */
    public static AlertKind fromWireName(String name) {
        for (AlertKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        List<String> known = new ArrayList<>();
        for (AlertKind kind : values()) {
            known.add(kind.wireName);
        }
        throw new IllegalArgumentException("unknown alert kind '" + name + "' (known: " + String.join(", ", known)
                + ")");
    }
}
