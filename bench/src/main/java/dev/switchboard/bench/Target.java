package dev.switchboard.bench;

/** The servers measured side by side. */
enum Target {
    SWITCHBOARD(new SwitchboardDialect("Switchboard")),
    /** The same WAR on Payara Micro (Tyrus on Grizzly) instead of Open Liberty: which runtime carries more. */
    SWITCHBOARD_PAYARA(new SwitchboardDialect("Switchboard on Payara Micro")),
    PEERJS(new PeerJsDialect()),
    SOCKETIO(new SocketIoDialect()),
    FLOOR(new FloorDialect());

    final Dialect dialect;

    Target(Dialect dialect) {
        this.dialect = dialect;
    }

    String label() {
        return dialect.name();
    }

    /** Switchboard itself, on either runtime: a JVM whose heap can be measured. */
    boolean isSwitchboard() {
        return this == SWITCHBOARD || this == SWITCHBOARD_PAYARA;
    }
}
