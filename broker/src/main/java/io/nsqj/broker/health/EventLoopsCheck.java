package io.nsqj.broker.health;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Liveness: every Vert.x event loop runs a task within two seconds (when Vert.x itself starts warning of a
 * blocked thread). Each topic lives on one loop, so a loop stuck in a task stops its topics while the others
 * still answer HTTP; only a restart helps then. Runs on a worker thread, as Quarkus runs synchronous checks.
 */
@Liveness
@ApplicationScoped
public class EventLoopsCheck implements HealthCheck {
    static final String NAME = "event-loops";
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Vertx vertx;

    public EventLoopsCheck(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public HealthCheckResponse call() {
        List<Future<?>> answers = new ArrayList<>();
        int refused = 0;
        for (EventExecutor loop : ((VertxInternal) vertx).getEventLoopGroup()) {
            try {
                answers.add(loop.submit(() -> { }));
            } catch (RejectedExecutionException e) {
                refused++;
            }
        }
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        int unanswered = refused;
        for (Future<?> answer : answers) {
            try {
                answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                unanswered++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unanswered++;
            }
        }
        return HealthCheckResponse.named(NAME)
                .status(unanswered == 0)
                .withData("loops", answers.size() + refused)
                .withData("unanswered", unanswered)
                .build();
    }
}
