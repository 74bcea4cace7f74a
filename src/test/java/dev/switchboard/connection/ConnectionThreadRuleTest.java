package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The check the fake transports make can fail: each way of breaking the rule is seen. */
class ConnectionThreadRuleTest {

    private final ConnectionThreadRule rule = new ConnectionThreadRule();

    @Test
    void aConnectionThreadHoldingNothingMayCall() {
        ConnectionThreadRule.runOnPath(() -> rule.check("send"));
        assertEquals(List.of(), rule.violations());
    }

    @Test
    void anyOtherThreadMayNot() {
        rule.check("send");
        assertEquals(1, rule.violations().size());
        assertTrue(rule.violations().get(0).contains("not a connection thread"));
    }

    @Test
    void norMayAConnectionThreadHoldingAMonitor() {
        Object decision = new Object();
        ConnectionThreadRule.runOnPath(() -> {
            synchronized (decision) {
                rule.check("close");
            }
        });
        assertEquals(1, rule.violations().size());
        assertTrue(rule.violations().get(0).contains("holding [java.lang.Object]"), rule.violations()::toString);
    }

    @Test
    void norOneHoldingALock() {
        ReentrantLock gate = new ReentrantLock();
        ConnectionThreadRule.runOnPath(() -> {
            gate.lock();
            try {
                rule.check("ping");
            } finally {
                gate.unlock();
            }
        });
        assertEquals(1, rule.violations().size());
        assertTrue(rule.violations().get(0).contains("ReentrantLock"), rule.violations()::toString);
    }
}
