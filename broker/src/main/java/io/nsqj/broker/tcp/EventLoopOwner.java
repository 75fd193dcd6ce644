package io.nsqj.broker.tcp;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.nsqj.broker.core.OwnerLoop;

import java.util.concurrent.TimeUnit;

/** A topic's or connection's owning thread: one of Vert.x's Netty event loops. */
public final class EventLoopOwner implements OwnerLoop {
    private static final System.Logger LOG = System.getLogger(EventLoopOwner.class.getName());
    private final EventLoop loop;

    public EventLoopOwner(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "task failed on " + Thread.currentThread().getName(), e);
            }
        });
    }

    @Override
    public AutoCloseable schedulePeriodic(long periodMillis, Runnable task) {
        ScheduledFuture<?> f = loop.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "periodic task failed", e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventLoopOwner other && other.loop == loop;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(loop);
    }
}
