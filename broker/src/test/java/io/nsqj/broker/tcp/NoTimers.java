package io.nsqj.broker.tcp;

import io.vertx.core.Vertx;

import java.lang.reflect.Proxy;

/**
 * A Vertx whose timers never fire: heartbeats and idle checks are time, which fuzzing leaves out so that
 * one input always gives the same output.
 */
final class NoTimers {
    private NoTimers() {
    }

    static Vertx vertx() {
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[]{Vertx.class},
                (proxy, method, args) -> FakeSocket.zero(proxy, method.getReturnType()));
    }
}
