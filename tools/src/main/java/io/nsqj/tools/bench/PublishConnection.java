package io.nsqj.tools.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One producer connection of bench_writer, on its own thread: one MPUB frame encoded once, in which only each
 * body's first 8 bytes (the send time, {@link WallClock} nanoseconds) change per batch; then MPUB, read the
 * answer, repeat until the end, as NSQ's bench_writer does (one batch in flight per connection).
 */
final class PublishConnection implements Runnable {
    private final SocketChannel channel;
    private final ByteBuffer frame;
    private final int[] stampOffsets;
    private final ByteBuffer response = ByteBuffer.allocateDirect(64 * 1024);
    private final CountDownLatch go;
    private final long batchNanos;
    private volatile long endNanos;
    private volatile long maxBatches = Long.MAX_VALUE;
    private volatile long messages;
    private volatile Throwable failure;

    /**
     * @param rate messages per second for this connection, 0 for as fast as the broker answers
     */
    PublishConnection(InetSocketAddress address, String topic, int size, int batchSize, double rate,
                      CountDownLatch go) throws IOException {
        this.go = go;
        this.batchNanos = rate > 0 ? (long) (batchSize * 1e9 / rate) : 0;
        channel = SocketChannel.open(address);
        channel.socket().setTcpNoDelay(true);
        WireFrames.writeFully(channel, WireFrames.hello("writer", "bench_writer/" + BenchLog.VERSION));
        WireFrames.expectOk(channel, response, "IDENTIFY");
        byte[] command = ("MPUB " + topic + "\n").getBytes(StandardCharsets.US_ASCII);
        int bodies = 4 + batchSize * (4 + size);
        frame = ByteBuffer.allocateDirect(command.length + 4 + bodies);
        frame.put(command).putInt(bodies).putInt(batchSize);
        stampOffsets = new int[batchSize];
        byte[] filler = new byte[size];
        Arrays.fill(filler, (byte) 'a');
        for (int i = 0; i < batchSize; i++) {
            frame.putInt(size);
            stampOffsets[i] = frame.position();
            frame.put(filler);
        }
        frame.flip();
    }

    /**
     * Sets when to stop ({@link System#nanoTime()}, checked after each batch) and after how many batches at
     * most; call before {@code go}.
     */
    void until(long endNanos, long maxBatches) {
        this.endNanos = endNanos;
        this.maxBatches = maxBatches;
    }

    @Override
    public void run() {
        try {
            go.await();
            long startNanos = System.nanoTime();
            long batches = 0;
            int batchSize = stampOffsets.length;
            do {
                if (batchNanos > 0) {
                    long due = startNanos + batches * batchNanos;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long stamp = WallClock.nanos();
                for (int offset : stampOffsets) {
                    frame.putLong(offset, stamp);
                }
                frame.rewind();
                WireFrames.writeFully(channel, frame);
                int type = WireFrames.readFrame(channel, response);
                if (type != WireFrames.FRAME_RESPONSE || response.remaining() != 2
                        || response.get(0) != 'O' || response.get(1) != 'K') {
                    throw new IOException("MPUB: " + StandardCharsets.UTF_8.decode(response));
                }
                batches++;
                messages = batches * batchSize;
            } while (batches < maxBatches && System.nanoTime() - endNanos < 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the count is what matters now
            }
        }
    }

    long messages() {
        return messages;
    }

    Throwable failure() {
        return failure;
    }
}
