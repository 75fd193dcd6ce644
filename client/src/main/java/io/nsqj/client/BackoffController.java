package io.nsqj.client;

import java.time.Duration;

/**
 * A consumer's backoff state, go-nsq's rules. Each failure raises a counter and each success lowers it; while
 * the counter is above zero the consumer waits multiplier * 2^counter with RDY 0 everywhere, then tests with
 * RDY 1 on one connection. The result of that test raises or lowers the counter again; at zero the consumer
 * resumes full RDY. Outcomes that arrive during a wait are ignored, so a burst of failures of messages that
 * were already in flight counts once.
 */
final class BackoffController {
    enum Action {
        /** Nothing changes. */
        NONE,
        /** Leave backoff: give every connection its full RDY again. */
        RESUME,
        /** RDY 0 everywhere, then after {@link Decision#period()} a single RDY 1 test. */
        BACK_OFF
    }

    record Decision(Action action, Duration period) {
        static final Decision NONE = new Decision(Action.NONE, Duration.ZERO);
    }

    private final Duration multiplier;
    private final Duration max;
    private int counter;
    private boolean waiting;

    BackoffController(Duration multiplier, Duration max) {
        this.multiplier = multiplier;
        this.max = max;
    }

    /** multiplier * 2^counter, at most the maximum. */
    Duration durationFor(int count) {
        if (count >= 31 || multiplier.isZero()) {
            return multiplier.isZero() ? Duration.ZERO : max;
        }
        Duration d = multiplier.multipliedBy(1L << count);
        return d.compareTo(max) > 0 ? max : d;
    }

    synchronized Decision onSuccess() {
        if (waiting || counter == 0) {
            return Decision.NONE;
        }
        counter--;
        return counter == 0 ? new Decision(Action.RESUME, Duration.ZERO) : startWaiting();
    }

    synchronized Decision onFailure() {
        if (waiting || multiplier.isZero()) {
            return Decision.NONE;
        }
        // the counter stops where the next period would pass the maximum, so recovery takes bounded successes
        if (multiplier.multipliedBy(1L << Math.min(counter + 1, 30)).compareTo(max) <= 0 || counter == 0) {
            counter++;
        }
        return startWaiting();
    }

    /** The wait is over: the consumer now sends its RDY 1 test. */
    synchronized void onWaitElapsed() {
        waiting = false;
    }

    synchronized boolean inBackoff() {
        return counter > 0;
    }

    synchronized boolean isWaiting() {
        return waiting;
    }

    synchronized int counter() {
        return counter;
    }

    private Decision startWaiting() {
        waiting = true;
        return new Decision(Action.BACK_OFF, durationFor(counter));
    }
}
