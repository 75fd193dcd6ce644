package io.nsqj.testsupport.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pod IPs: 127.0.0.2, 127.0.0.3 and on (Linux routes all of 127.0.0.0/8 to lo), never 127.0.0.1 where the
 * machine's own daemons and {@code FreePorts} live, and never twice in one cluster. Every pod listens on NSQ's
 * own ports, so two clusters at once (two test JVMs of parallel builds on one machine) must not share an
 * address: each one claimed is held by a file lock, which the OS gives up even when the JVM dies.
 */
final class LoopbackAddresses implements AutoCloseable {
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "nsqj-loopback-addresses");
    /** A JVM may not lock one file twice (OverlappingFileLockException): its clusters share this instead. */
    private static final Set<Integer> CLAIMED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private static final int LAST = (1 << 24) - 2;

    /** Guarded by this. */
    private final List<Claim> held = new ArrayList<>();
    private int next = 2;

    private record Claim(int index, FileChannel channel, FileLock lock) {
    }

    synchronized String allocate() {
        for (; next <= LAST; next++) {
            int last = next & 0xff;
            // .0 and .255 look like network and broadcast addresses to people reading logs; 127.0.1.1 is
            // Debian's address for the machine's own name
            if (last == 0 || last == 1 || last == 255 || !CLAIMED_IN_THIS_JVM.add(next)) {
                continue;
            }
            Claim claim = lock(next);
            if (claim == null) {
                CLAIMED_IN_THIS_JVM.remove(next);
                continue;
            }
            held.add(claim);
            return address(next++);
        }
        throw new IllegalStateException("no loopback address left");
    }

    private static Claim lock(int index) {
        try {
            Files.createDirectories(LOCKS);
            FileChannel channel = FileChannel.open(LOCKS.resolve(address(index) + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            return new Claim(index, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String address(int index) {
        return "127." + (index >> 16 & 0xff) + "." + (index >> 8 & 0xff) + "." + (index & 0xff);
    }

    @Override
    public synchronized void close() {
        for (Claim claim : held) {
            try {
                claim.lock().release();
                claim.channel().close();
            } catch (IOException e) {
                // the lock goes with the JVM anyway
            }
            CLAIMED_IN_THIS_JVM.remove(claim.index());
        }
        held.clear();
    }
}
