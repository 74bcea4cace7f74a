package dev.switchboard.it.payara;

import dev.switchboard.it.AccessControlChecks;
import dev.switchboard.it.ServerAddress;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AccessControlChecks} on Payara Micro, on a server of its own with access control on. Not named
 * {@code *IT}: only the build's {@code payara} execution runs it (it is in {@code switchboard.payara.tests}).
 */
class PayaraAccessControlChecks extends AccessControlChecks {

    @RegisterExtension
    static final ExtraPayara server = new ExtraPayara("access-control", ENVIRONMENT);

    @Override
    protected ServerAddress server() {
        return server;
    }
}
