package io.nsqj.broker.core;

import io.nsqj.bench.ScratchDirectory;
import io.nsqj.broker.storage.SegmentDeleter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A channel's path for one message: put into its queue, delivered by its pump to the subscriber with room
 * under RDY (in flight with a timeout, framed), then finished. In batches of one MPUB's worth, 200 messages
 * of 200 bytes, with nsqd's bench settings (--mem-queue-size=1000000, RDY 2500, sync-mode interval): the
 * messages stay in memory. The score is per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChannelPutGetBenchmark {
    private static final int BATCH = 200;
    private static final int MESSAGE_SIZE = 200;

    private final BenchmarkLoop loop = new BenchmarkLoop();
    private final byte[] body = new byte[MESSAGE_SIZE];
    private final long[] ids = new long[BATCH];
    private final MessageIdGenerator idGenerator = new MessageIdGenerator(1);
    private ScratchDirectory dataPath;
    private Topic topic;
    private Channel channel;
    private Subscription subscription;

    @Setup
    public void subscribe(Blackhole blackhole) throws Exception {
        dataPath = ScratchDirectory.create("nsq-bench-channel");
        // nsqd's defaults but for the bench's --mem-queue-size
        TopicOptions options = new TopicOptions(dataPath.path(), 1, 1_000_000, 100L * 1024 * 1024, 1024 * 1024,
                2500, 2000, 60_000, 15 * 60_000, 0, SyncMode.INTERVAL,
                Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        topic = new Topic("sub_bench", loop, LoopMemory.unlimited(), options, Runnable::run, SegmentDeleter.atOnce(),
                TopicListeners.of());
        channel = topic.getOrCreateChannel("ch");
        subscription = topic.subscribe("ch", new BlackholeSubscriber(blackhole), 60_000, 0);
        channel.setReady(subscription, 2500);
        loop.runPending();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void putDeliverFinish() throws IOException {
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < BATCH; i++) {
            ids[i] = idGenerator.next();
            channel.put(new Message(ids[i], body, now, 0));
        }
        loop.runPending();
        for (long id : ids) {
            channel.finish(subscription, id);
        }
        loop.runPending();
    }

    @TearDown
    public void deleteTopic() throws IOException {
        topic.delete();
        dataPath.close();
    }
}
