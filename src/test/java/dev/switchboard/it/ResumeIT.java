package dev.switchboard.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ResumeChecks} on Open Liberty, on a server of its own. */
class ResumeIT extends ResumeChecks {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("resumeIT", ENVIRONMENT);

    @Override
    protected ServerAddress server() {
        return server;
    }
}
