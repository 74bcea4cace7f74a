package dev.switchboard.bench;

/** The servers measured side by side. */
enum Target {
    SWITCHBOARD(new SwitchboardDialect("Switchboard")),
    /** The same WAR on Payara Micro (Tyrus on Grizzly) instead of Open Liberty: which runtime carries more. */
    SWITCHBOARD_PAYARA(new SwitchboardDialect("Switchboard on Payara Micro")),
    PEERJS(new PeerJsDialect()),
    SOCKETIO(new SocketIoDialect()),
    FLOOR(new FloorDialect("floor (ws relay)")),
    /**
     * The floor's relay as a Jakarta WebSocket endpoint on Switchboard's Open Liberty (bench/liberty-floor):
     * what the runtime costs before Switchboard does anything, so Switchboard's ratio to it is the application's.
     */
    FLOOR_LIBERTY(new FloorDialect("floor on Open Liberty"));

    final Dialect dialect;

    Target(Dialect dialect) {
        this.dialect = dialect;
    }

    String label() {
        return dialect.name();
    }

    /** Switchboard itself, on either runtime: it answers on /health/ready (Liberty: on its management port) once started. */
    boolean isSwitchboard() {
        return this == SWITCHBOARD || this == SWITCHBOARD_PAYARA;
    }

    /** A JVM, whose live heap can be measured. */
    boolean isJava() {
        return isSwitchboard() || this == FLOOR_LIBERTY;
    }
}
