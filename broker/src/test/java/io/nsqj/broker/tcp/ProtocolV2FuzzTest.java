package io.nsqj.broker.tcp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nsqj.broker.SevereLogs;
import io.nsqj.broker.core.SyncMode;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Arbitrary bytes after the V2 magic, as one read and again cut into reads of a fuzzed size: commands,
 * bodies (MPUB's with {@link MpubBody}) and IDENTIFY JSON go through the real parser, topics and channels.
 * Nothing may escape {@link ProtocolV2#handle} or be logged as an error (ClientError becomes an E_* frame),
 * the output must be well-formed frames, and its replies must not depend on where the reads were cut: a
 * client that sends half a command and the rest later gets the answers it gets when it sends both at once.
 * The per-input timeout catches a parser that loops. Corpus in ProtocolV2FuzzTestInputs: commands followed
 * by the two bytes the fuzzer reads from the end (read size, sync mode).
 */
class ProtocolV2FuzzTest {
    private static final byte[] MAGIC = "  V2".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "5s")
    @Timeout(20)
    void answersDoNotDependOnReadBoundaries(FuzzedDataProvider data) throws IOException {
        SyncMode mode = data.consumeBoolean() ? SyncMode.ALWAYS : SyncMode.INTERVAL;
        int readSize = data.consumeInt(1, 64);
        byte[] input = concat(MAGIC, data.consumeRemainingAsBytes());
        try (SevereLogs errors = SevereLogs.capture()) {
            FakeConnection.Output whole = run(mode, input, input.length);
            FakeConnection.Output cut = run(mode, input, readSize);
            errors.assertNone();
            assertEquals(whole, cut);
        }
    }

    private static FakeConnection.Output run(SyncMode mode, byte[] input, int readSize) throws IOException {
        try (FakeConnection connection = new FakeConnection(mode)) {
            for (int pos = 0; pos < input.length; pos += readSize) {
                connection.read(Arrays.copyOfRange(input, pos, Math.min(input.length, pos + readSize)));
            }
            return connection.output();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
