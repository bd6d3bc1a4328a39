package dev.flowlens.schemas.alert;

/** How urgently an alert needs a person, lowest first. */
public enum AlertSeverity {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    CRITICAL("critical");

    private final String wireName;

    AlertSeverity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The severity with this wire name; an {@link IllegalArgumentException} otherwise. */
    public static AlertSeverity fromWireName(String name) {
        for (AlertSeverity severity : values()) {
            if (severity.wireName.equals(name)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown alert severity '" + name
                + "' (known: low, medium, high, critical)");
    }
}
