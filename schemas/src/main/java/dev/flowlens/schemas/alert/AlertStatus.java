package dev.flowlens.schemas.alert;

/** Where an alert is in its life: one incident is one alert, emitted again as it grows and once when it ends. */
public enum AlertStatus {
    /** The first record of an incident. */
    OPEN("open"),
    /** The incident is still active; the window and evidence have grown. */
    UPDATED("updated"),
    /** The incident went quiet; the last record, with the final window and evidence. */
    CLOSED("closed");

    private final String wireName;

    AlertStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The status with this wire name; an {@link IllegalArgumentException} otherwise. */
    public static AlertStatus fromWireName(String name) {
        for (AlertStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown alert status '" + name + "' (known: open, updated, closed)");
    }
}
