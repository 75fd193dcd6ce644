package io.nsqj.tools.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer connection of bench_reader, on its own thread: SUB, RDY, then frames are parsed where they lie
 * in one reused read buffer; each message is FINished (the FINs of one read go out in one write) and its
 * latency, now minus the send time the writer put in its first 8 bytes, is recorded. Nothing is allocated
 * per message. It ends when its socket is closed ({@link #close}).
 */
final class ConsumeConnection implements Runnable {
    private static final byte[] FIN = "FIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOP = "NOP\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = "_heartbeat_".getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel channel;
    private final int rdy;
    private final CountDownLatch go;
    private final AtomicLong received;
    private final long target;
    private final CountDownLatch targetReached;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private ByteBuffer in = ByteBuffer.allocateDirect(4 * 1024 * 1024);
    private final ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    private volatile boolean closing;
    private volatile long messages;
    private volatile Throwable failure;

    /**
     * @param received      every connection's count, updated after each read
     * @param target        when {@code received} reaches it, {@code targetReached} is counted down (0: never)
     */
    ConsumeConnection(InetSocketAddress address, String topic, String channelName, int rdy, CountDownLatch go,
                      AtomicLong received, long target, CountDownLatch targetReached) throws IOException {
        this.rdy = rdy;
        this.go = go;
        this.received = received;
        this.target = target;
        this.targetReached = targetReached;
        channel = SocketChannel.open(address);
        channel.socket().setTcpNoDelay(true);
        WireFrames.writeFully(channel, WireFrames.hello("reader", "bench_reader/" + BenchLog.VERSION));
        WireFrames.expectOk(channel, in, "IDENTIFY");
        WireFrames.writeFully(channel, WireFrames.command("SUB " + topic + " " + channelName));
        WireFrames.expectOk(channel, in, "SUB");
    }

    @Override
    public void run() {
        try {
            go.await();
            WireFrames.writeFully(channel, WireFrames.command("RDY " + rdy));
            in.clear();
            while (true) {
                if (channel.read(in) < 0) {
                    if (closing) {
                        return;
                    }
                    throw new IOException("connection closed by the broker");
                }
                in.flip();
                long count = parse();
                in.compact();
                if (out.position() > 0) {
                    flush();
                }
                if (count > 0) {
                    messages += count;
                    long total = received.addAndGet(count);
                    if (target > 0 && total >= target && total - count < target) {
                        targetReached.countDown();
                    }
                }
            }
        } catch (ClosedChannelException e) {
            if (!closing) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            if (!closing) {
                failure = e;
            }
        }
    }

    /** Handles the whole frames in {@code in} (position to limit), leaves a partial one; returns messages seen. */
    private long parse() throws IOException {
        long count = 0;
        while (in.remaining() >= 4) {
            int start = in.position();
            int size = in.getInt(start);
            if (in.remaining() < 4 + size) {
                if (4 + size > in.capacity()) {
                    grow(4 + size);
                }
                break;
            }
            int type = in.getInt(start + 4);
            if (type == WireFrames.FRAME_MESSAGE) {
                if (size >= WireFrames.MESSAGE_HEADER - 4 + 8) {
                    latencies.record(WallClock.nanos() - in.getLong(start + WireFrames.MESSAGE_HEADER));
                }
                if (out.remaining() < 21) {
                    flush();
                }
                out.put(FIN).putLong(in.getLong(start + 18)).putLong(in.getLong(start + 26)).put((byte) '\n');
                count++;
            } else if (type == WireFrames.FRAME_RESPONSE) {
                if (isHeartbeat(start + 8, size - 4)) {
                    if (out.remaining() < NOP.length) {
                        flush();
                    }
                    out.put(NOP);
                }
            } else {
                byte[] error = new byte[size - 4];
                in.get(start + 8, error);
                throw new IOException("broker error: " + new String(error, StandardCharsets.UTF_8));
            }
            in.position(start + 4 + size);
        }
        return count;
    }

    private boolean isHeartbeat(int at, int length) {
        if (length != HEARTBEAT.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in.get(at + i) != HEARTBEAT[i]) {
                return false;
            }
        }
        return true;
    }

    /** A frame larger than the buffer (a body beyond 4 MiB): a larger buffer, once. */
    private void grow(int frameSize) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(Integer.highestOneBit(frameSize) * 2);
        bigger.put(in);
        bigger.flip();
        in = bigger;
    }

    private void flush() throws IOException {
        out.flip();
        WireFrames.writeFully(channel, out);
        out.clear();
    }

    /** Ends the connection: its thread returns (NSQ's reader also just closes; unFINished messages go back). */
    void close() {
        closing = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    long messages() {
        return messages;
    }

    LatencyHistogram latencies() {
        return latencies;
    }

    Throwable failure() {
        return failure;
    }
}
