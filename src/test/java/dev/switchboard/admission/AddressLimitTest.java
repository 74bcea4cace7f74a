package dev.switchboard.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AddressLimitTest {

    @Test
    void anAddressMayHoldUpToTheLimitAndOthersAreCountedApart() {
        AddressLimit limit = new AddressLimit(2);
        assertTrue(limit.tryAcquire("10.0.0.1"));
        assertTrue(limit.tryAcquire("10.0.0.1"));
        assertFalse(limit.tryAcquire("10.0.0.1"));
        assertTrue(limit.tryAcquire("10.0.0.2"));
        assertEquals(2, limit.openFrom("10.0.0.1"));
    }

    @Test
    void aReleasedPlaceCanBeTakenAgainAndAnEmptyAddressIsForgotten() {
        AddressLimit limit = new AddressLimit(1);
        assertTrue(limit.tryAcquire("10.0.0.1"));
        limit.release("10.0.0.1");
        assertEquals(0, limit.addresses());
        assertTrue(limit.tryAcquire("10.0.0.1"));
    }

    @Test
    void racingConnectionsFromOneAddressNeverPassTheLimit() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int race = 0; race < 500; race++) {
                AddressLimit limit = new AddressLimit(3);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    attempts.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return limit.tryAcquire("10.0.0.1");
                    }));
                }
                int admitted = 0;
                for (Future<Boolean> attempt : attempts) {
                    admitted += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(3, admitted, "race " + race);
                assertEquals(3, limit.openFrom("10.0.0.1"), "race " + race);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
