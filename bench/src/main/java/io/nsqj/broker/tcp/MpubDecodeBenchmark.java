package io.nsqj.broker.tcp;

import io.nsqj.protocol.ClientError;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MPUB's body as it sits in a connection's read buffer, after the command line and the body size: decoded
 * into its messages with nsqd's checks. bench_writer's default batch, 200 messages of 200 bytes; the score is
 * per MPUB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MpubDecodeBenchmark {
    /** nsqd's defaults: --max-msg-size, --max-body-size. */
    private static final int MAX_MSG_SIZE = 1024 * 1024;
    private static final int MAX_BODY_SIZE = 5 * 1024 * 1024;

    @Param("200")
    int messages;

    @Param("200")
    int messageSize;

    private Buffer body;

    @Setup
    public void buildBody() {
        body = Buffer.buffer(4 + messages * (4 + messageSize));
        body.appendInt(messages);
        byte[] message = new byte[messageSize];
        for (int i = 0; i < messages; i++) {
            body.appendInt(messageSize).appendBytes(message);
        }
    }

    @Benchmark
    public List<byte[]> decode() throws ClientError {
        return MpubBody.read(body, 0, body.length(), MAX_MSG_SIZE, MAX_BODY_SIZE);
    }
}
