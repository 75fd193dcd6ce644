package io.nsqj.client;

import java.time.Duration;

/** The delay of a REQ after a failed handler: the default delay times the attempts so far, capped (as go-nsq). */
final class RequeueDelay {
    private RequeueDelay() {
    }

    static Duration forAttempts(int attempts, Duration defaultDelay, Duration maxDelay) {
        Duration delay = defaultDelay.multipliedBy(Math.max(1, attempts));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
