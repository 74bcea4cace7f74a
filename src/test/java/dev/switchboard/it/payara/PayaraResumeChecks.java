package dev.switchboard.it.payara;

import dev.switchboard.it.ResumeChecks;
import dev.switchboard.it.ServerAddress;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ResumeChecks} on Payara Micro, on a server of its own. Not named {@code *IT}: only the build's
 * {@code payara} execution runs it (it is in {@code switchboard.payara.tests}).
 */
class PayaraResumeChecks extends ResumeChecks {

    @RegisterExtension
    static final ExtraPayara server = new ExtraPayara("resume", ENVIRONMENT);

    @Override
    protected ServerAddress server() {
        return server;
    }
}
