package dev.switchboard.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AccessControlChecks} on Open Liberty. */
class AccessControlIT extends AccessControlChecks {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("accessControlIT", ENVIRONMENT);

    @Override
    protected ServerAddress server() {
        return server;
    }
}
