package dev.switchboard.bench;

/** The servers measured side by side. */
enum Target {
    SWITCHBOARD(new SwitchboardDialect()),
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
}
