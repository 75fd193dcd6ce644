package io.nsqj.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's hostname as Go's os.Hostname reports it: the kernel's name, without a DNS lookup (which could
 * stall or answer a different, fully qualified name). It is read once and kept, so that HTTP handlers running on
 * an event loop can ask for it without touching the file system or DNS.
 */
public final class LocalHostname {
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    private static volatile String cached;

    private LocalHostname() {
    }

    public static String get() {
        String name = cached;
        if (name == null) {
            name = read();
            cached = name;
        }
        return name;
    }

    private static String read() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException e) {
            // not Linux: fall back to the JDK's view below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
