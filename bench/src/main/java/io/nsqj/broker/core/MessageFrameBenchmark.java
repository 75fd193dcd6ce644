package io.nsqj.broker.core;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Messages encoded into delivery frames the way a channel's delivery round writes them for one subscriber
 * with RDY 2500: a round of 64 messages of 200 bytes framed into one buffer, then handed to the connection.
 * The score is per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageFrameBenchmark {
    private static final int ROUND = 64;
    private static final int MESSAGE_SIZE = 200;

    private final Message[] round = new Message[ROUND];
    private Subscription subscription;

    @Setup
    public void subscribe(Blackhole blackhole) {
        subscription = new Subscription(new BlackholeSubscriber(blackhole), null, 60_000, 0);
        subscription.readyCount = 2500;
        MessageIdGenerator ids = new MessageIdGenerator(1);
        byte[] body = new byte[MESSAGE_SIZE];
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < ROUND; i++) {
            round[i] = new Message(ids.next(), body, now, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND)
    public void encodeRound() {
        for (int i = 0; i < ROUND; i++) {
            subscription.append(round[i], ROUND - 1 - i);
        }
        subscription.flush();
    }
}
