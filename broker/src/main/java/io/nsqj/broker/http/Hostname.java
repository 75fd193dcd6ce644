package io.nsqj.broker.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Go's os.Hostname(): the kernel's host name, without a DNS lookup. */
final class Hostname {
    private static volatile String cached;

    private Hostname() {
    }

    static String get() {
        String h = cached;
        if (h == null) {
            h = read();
            cached = h;
        }
        return h;
    }

    private static String read() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
