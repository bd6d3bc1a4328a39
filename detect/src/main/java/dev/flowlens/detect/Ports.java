package dev.flowlens.detect;

/** Port facts detection relies on. */
final class Ports {
    private Ports() {}

    /**
     * Whether a port looks like a client's: Linux's default ephemeral range starts at 32768 and IANA's at 49152;
     * ECS tasks are Linux or Windows (49152+), so 32768 and up.
     */
    static boolean isEphemeral(int port) {
        return port >= 32768;
    }
}
