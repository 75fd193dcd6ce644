package io.nsqj.client;

import io.nsqj.client.BackoffController.Action;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffControllerTest {
    private final BackoffController backoff = new BackoffController(Duration.ofSeconds(1), Duration.ofMinutes(2));

    @Test
    void periodDoublesWithEachFailureUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(2), backoff.durationFor(1));
        assertEquals(Duration.ofSeconds(4), backoff.durationFor(2));
        assertEquals(Duration.ofSeconds(64), backoff.durationFor(6));
        assertEquals(Duration.ofMinutes(2), backoff.durationFor(7));
        assertEquals(Duration.ofMinutes(2), backoff.durationFor(40));
    }

    @Test
    void successWithoutBackoffChangesNothing() {
        assertEquals(Action.NONE, backoff.onSuccess().action());
        assertFalse(backoff.inBackoff());
    }

    @Test
    void failureBacksOffThenTheTestResultDecides() {
        BackoffController.Decision first = backoff.onFailure();
        assertEquals(Action.BACK_OFF, first.action());
        assertEquals(Duration.ofSeconds(2), first.period());
        assertTrue(backoff.isWaiting());

        // failures of messages already in flight during the wait count once
        assertEquals(Action.NONE, backoff.onFailure().action());
        assertEquals(1, backoff.counter());

        backoff.onWaitElapsed();
        BackoffController.Decision second = backoff.onFailure();
        assertEquals(Action.BACK_OFF, second.action());
        assertEquals(Duration.ofSeconds(4), second.period());

        backoff.onWaitElapsed();
        BackoffController.Decision recovering = backoff.onSuccess();
        assertEquals(Action.BACK_OFF, recovering.action(), "one success lowers the counter, it does not end backoff");
        assertEquals(Duration.ofSeconds(2), recovering.period());

        backoff.onWaitElapsed();
        assertEquals(Action.RESUME, backoff.onSuccess().action());
        assertFalse(backoff.inBackoff());
    }

    @Test
    void counterStopsWherePeriodsWouldPassTheMaximum() {
        for (int i = 0; i < 20; i++) {
            backoff.onFailure();
            backoff.onWaitElapsed();
        }
        // 2^7 s passes 2 min, so the counter stays at 6 and recovery takes 6 successes
        assertEquals(6, backoff.counter());
    }

    @Test
    void zeroMultiplierDisablesBackoff() {
        BackoffController none = new BackoffController(Duration.ZERO, Duration.ofMinutes(2));
        assertEquals(Action.NONE, none.onFailure().action());
        assertFalse(none.inBackoff());
    }

    @Test
    void requeueDelayGrowsWithAttemptsUpToItsMaximum() {
        Duration base = Duration.ofSeconds(90);
        Duration max = Duration.ofMinutes(15);
        assertEquals(Duration.ofSeconds(90), RequeueDelay.forAttempts(1, base, max));
        assertEquals(Duration.ofSeconds(270), RequeueDelay.forAttempts(3, base, max));
        assertEquals(max, RequeueDelay.forAttempts(50, base, max));
    }
}
